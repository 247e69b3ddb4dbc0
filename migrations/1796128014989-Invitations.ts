import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Invitations1796128014989 implements MigrationInterface {
  name = 'Invitations1796128014989';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "email" text NOT NULL, "role" text NOT NULL, "status" text NOT NULL DEFAULT 'PENDING', "invited_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_e5ccef1c7fb8362e5933a011b2" CHECK (role IN ('admin', 'member')), CONSTRAINT "CHK_60ebfe63a612944f1ace57cee3" CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED')), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_276a1b4d977a63fe79a52f434f" ON "invitations"  ("email", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_invitations_pending" ON "invitations"  ("organization_id", "email") WHERE status = 'PENDING'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_invitations_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_276a1b4d977a63fe79a52f434f"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
  }
}
