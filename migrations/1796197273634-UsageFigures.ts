import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UsageFigures1796197273634 implements MigrationInterface {
  name = 'UsageFigures1796197273634';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "product_usage_monthly" ("product_id" uuid NOT NULL, "month" date NOT NULL, "views" integer NOT NULL DEFAULT '0', "search_impressions" integer NOT NULL DEFAULT '0', "search_clicks" integer NOT NULL DEFAULT '0', "sample_previews" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_259f405bb3917a7f94b46231e2d" PRIMARY KEY ("product_id", "month"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "product_usage_monthly"`);
  }
}
