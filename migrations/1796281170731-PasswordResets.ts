import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Forgot my password": one row per request, its link's secret kept only as a SHA-256
 * (accounts/password-reset.entity.ts).
 */
export class PasswordResets1796281170731 implements MigrationInterface {
  name = 'PasswordResets1796281170731';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "password_resets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "secret_hash" bytea, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2d744b0f0cb93ea9c8bda8eea9" ON "password_resets"  ("user_id", "requested_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "password_resets" ADD CONSTRAINT "FK_f7a4c3bc48f24df007936d217be" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "password_resets" DROP CONSTRAINT "FK_f7a4c3bc48f24df007936d217be"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_2d744b0f0cb93ea9c8bda8eea9"`);
    await queryRunner.query(`DROP TABLE "password_resets"`);
  }
}
