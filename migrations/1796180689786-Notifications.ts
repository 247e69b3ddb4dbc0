import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796180689786 implements MigrationInterface {
  name = 'Notifications1796180689786';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "event_id" bigint NOT NULL, "title_ko" text NOT NULL, "title_en" text NOT NULL, "body_ko" text, "body_en" text, "link" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c157cb1f5d953972b07e65abee" ON "notifications"  ("event_id", "user_id", "kind") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_310667f935698fcd8cb319113a" ON "notifications"  ("user_id", "created_at") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_310667f935698fcd8cb319113a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c157cb1f5d953972b07e65abee"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
