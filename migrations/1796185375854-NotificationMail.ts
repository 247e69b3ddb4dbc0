import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationMail1796185375854 implements MigrationInterface {
  name = 'NotificationMail1796185375854';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "kind" text NOT NULL, "channel" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_205b7b87cc40de671a6f6b4e7d" CHECK (channel IN ('OFF', 'IN_APP', 'IN_APP_AND_EMAIL')), CONSTRAINT "PK_4beeeb46feaf58d75e124c8ba58" PRIMARY KEY ("user_id", "kind"))`,
    );
    await queryRunner.query(`ALTER TABLE "domain_events" ADD "once_key" text`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD "emailed_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_41be48e894f3812dbfb3ba18c9" ON "domain_events"  ("once_key") WHERE once_key IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_41be48e894f3812dbfb3ba18c9"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "emailed_at"`);
    await queryRunner.query(`ALTER TABLE "domain_events" DROP COLUMN "once_key"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
  }
}
