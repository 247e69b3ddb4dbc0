import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RelatedPartiesAndConfirmedNumbers1796124711522 implements MigrationInterface {
  name = 'RelatedPartiesAndConfirmedNumbers1796124711522';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "membership_records" ("organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "first_joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bd0d45967677eddd1b74b6d6214" PRIMARY KEY ("organization_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_97ec325bfef0c8347bd0a25a93" ON "membership_records"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organization_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "linked_organization_id" uuid NOT NULL, "reason" text NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_180ef5998d8e71f031ce132c68" CHECK (organization_id <> linked_organization_id), CONSTRAINT "PK_c8f0bd46044a1df8b147f42e2b0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1453251946108bf0c669934479" ON "organization_links"  ("linked_organization_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_3b2f3bd0eab889e9966a705eb8" ON "organization_links"  ("organization_id", "linked_organization_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "registration_status" text NOT NULL DEFAULT 'CLAIMED'`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" ADD "registration_note" text`);
    // Everyone who is a member now has a lasting record; a number with a verification on record is confirmed.
    await queryRunner.query(
      `INSERT INTO "membership_records" ("organization_id", "user_id", "first_joined_at") SELECT "organization_id", "user_id", "created_at" FROM "memberships"`,
    );
    await queryRunner.query(
      `UPDATE "organizations" o SET "registration_status" = 'CONFIRMED' WHERE EXISTS (SELECT 1 FROM "organization_verifications" v WHERE v."organization_id" = o."id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" DROP CONSTRAINT "UQ_cb9542e971de157981d1cf74024"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cb9542e971de157981d1cf7402" ON "organizations"  ("registration_number") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_organizations_confirmed_number" ON "organizations"  ("registration_number") WHERE registration_status = 'CONFIRMED'`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "CHK_558897824f5d67146958a84cec" CHECK (registration_status IN ('CLAIMED', 'CONFIRMED', 'REJECTED'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organizations" DROP CONSTRAINT "CHK_558897824f5d67146958a84cec"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_organizations_confirmed_number"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cb9542e971de157981d1cf7402"`);
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "UQ_cb9542e971de157981d1cf74024" UNIQUE ("registration_number")`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "registration_note"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "registration_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3b2f3bd0eab889e9966a705eb8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1453251946108bf0c669934479"`);
    await queryRunner.query(`DROP TABLE "organization_links"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_97ec325bfef0c8347bd0a25a93"`);
    await queryRunner.query(`DROP TABLE "membership_records"`);
  }
}
