import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessRequests1796195654882 implements MigrationInterface {
  name = 'AccessRequests1796195654882';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "access_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "seller_organization_id" uuid NOT NULL, "buyer_organization_id" uuid NOT NULL, "requested_by" uuid NOT NULL, "intended_use" text NOT NULL, "status" text NOT NULL DEFAULT 'PENDING', "due_on" date NOT NULL, "escalated_at" TIMESTAMP WITH TIME ZONE, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, "decided_as" text, "reason" text, "access_until" TIMESTAMP WITH TIME ZONE, "ask_again_from" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_48351fc273efd53a17afe84ee7" CHECK (decided_as IS NULL OR decided_as IN ('SELLER', 'OPERATOR')), CONSTRAINT "CHK_110582a772389b30f86dda443f" CHECK (status IN ('PENDING', 'ESCALATED', 'APPROVED', 'REFUSED', 'EXPIRED')), CONSTRAINT "PK_f89e51c15e3dbea13aa248fe128" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_access_requests_open" ON "access_requests"  ("product_id", "buyer_organization_id") WHERE status IN ('PENDING', 'ESCALATED', 'APPROVED')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_dec7cf37fdf6483d224a2b28a2" ON "access_requests"  ("buyer_organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a6166f9eacbb58d407ea426aa5" ON "access_requests"  ("seller_organization_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6cee124f08df0051d0f8236e90" ON "access_requests"  ("product_id", "buyer_organization_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "products" ADD "approval_required" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "products" ADD "approval_question" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "products" DROP COLUMN "approval_question"`);
    await queryRunner.query(`ALTER TABLE "products" DROP COLUMN "approval_required"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6cee124f08df0051d0f8236e90"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a6166f9eacbb58d407ea426aa5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dec7cf37fdf6483d224a2b28a2"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_access_requests_open"`);
    await queryRunner.query(`DROP TABLE "access_requests"`);
  }
}
