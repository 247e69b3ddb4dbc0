import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795640444870 implements MigrationInterface {
  name = 'Catalog1795640444870';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "licences" ("code" text NOT NULL, "name" text NOT NULL, "name_ko" text NOT NULL, "terms" text NOT NULL, "term_months" integer NOT NULL, "commercial_use" boolean NOT NULL, "derivatives" boolean NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, CONSTRAINT "PK_21377e63a8829e08a26b544f8fc" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "products" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "dataset_id" uuid NOT NULL, "version_id" uuid NOT NULL, "version" integer NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "price_krw" bigint NOT NULL, "licence_code" text NOT NULL, "status" text NOT NULL DEFAULT 'DRAFT', "industry_code" text, "data_type" text NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "processor_organization_id" uuid, "processing_supported" boolean NOT NULL DEFAULT false, "processing_project_id" uuid, "quality_score" numeric(4,1), "row_count" bigint NOT NULL DEFAULT '0', "file_count" integer NOT NULL DEFAULT '0', "size_bytes" bigint NOT NULL DEFAULT '0', "pricing_guide" jsonb, "listed_at" TIMESTAMP WITH TIME ZONE, "first_listed_at" TIMESTAMP WITH TIME ZONE, "delisted_at" TIMESTAMP WITH TIME ZONE, "delist_reason" text, "title_text" text NOT NULL DEFAULT '', "search_text" text NOT NULL DEFAULT '', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ddb1c7a01ce53d4becc1adee99" CHECK (price_krw > 0), CONSTRAINT "CHK_07154fb236c18273101d044ad3" CHECK (status IN ('DRAFT', 'LISTED', 'DELISTED')), CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_9df003feb8d203e909d5fb8cec" ON "products"  ("dataset_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2d404aa7aa4a0404eafd184091" ON "products"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_59a6864eed4d3faaaf5da364de" ON "products"  ("status", "listed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "product_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "version_id" uuid NOT NULL, "version" integer NOT NULL, "notes" text, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_502f17dcba65e92c4f40d8a93b7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_28fa3a95026b7d0e71536f134b" ON "product_revisions"  ("product_id", "version") `,
    );
    await queryRunner.query(
      `ALTER TABLE "products" ADD CONSTRAINT "FK_2d404aa7aa4a0404eafd1840915" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "products" ADD CONSTRAINT "FK_d040dd57032dcfb5c360a8c58de" FOREIGN KEY ("licence_code") REFERENCES "licences"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_revisions" ADD CONSTRAINT "FK_49824575b2e3574af2dccab05ee" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "product_revisions" DROP CONSTRAINT "FK_49824575b2e3574af2dccab05ee"`,
    );
    await queryRunner.query(
      `ALTER TABLE "products" DROP CONSTRAINT "FK_d040dd57032dcfb5c360a8c58de"`,
    );
    await queryRunner.query(
      `ALTER TABLE "products" DROP CONSTRAINT "FK_2d404aa7aa4a0404eafd1840915"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_28fa3a95026b7d0e71536f134b"`);
    await queryRunner.query(`DROP TABLE "product_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_59a6864eed4d3faaaf5da364de"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2d404aa7aa4a0404eafd184091"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9df003feb8d203e909d5fb8cec"`);
    await queryRunner.query(`DROP TABLE "products"`);
    await queryRunner.query(`DROP TABLE "licences"`);
  }
}
