import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DatasetsUploadsQuality1795638274734 implements MigrationInterface {
  name = 'DatasetsUploadsQuality1795638274734';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "datasets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "industry_code" text, "process" text, "equipment" text, "data_type" text NOT NULL, "time_range_start" TIMESTAMP WITH TIME ZONE, "time_range_end" TIMESTAMP WITH TIME ZONE, "tags" text array NOT NULL DEFAULT '{}', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_2105cbf7faf024fdfcf98314a8" CHECK (data_type IN ('SENSOR_TIME_SERIES', 'TABULAR', 'IMAGE', 'TEXT', 'OTHER')), CONSTRAINT "PK_1bf831e43c559a240303e23d038" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_565fe9f8a8f63ae600634c2acb" ON "datasets"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dataset_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dataset_id" uuid NOT NULL, "version" integer NOT NULL, "status" text NOT NULL DEFAULT 'DRAFT', "notes" text, "schema" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sealed_at" TIMESTAMP WITH TIME ZONE, "sealed_by" uuid, CONSTRAINT "CHK_6e8e50291c471df4e8a2061ed6" CHECK (status IN ('DRAFT', 'SEALED')), CONSTRAINT "PK_2335c164f3df47dabfe7d0fc6e5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_da19d38ec6a4c704f892989a0a" ON "dataset_versions"  ("dataset_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dataset_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version_id" uuid NOT NULL, "name" text NOT NULL, "storage_key" text NOT NULL, "size_bytes" bigint NOT NULL, "sha256" character(64) NOT NULL, "content_type" text NOT NULL, "status" text NOT NULL DEFAULT 'UPLOADING', "multipart_id" text, "part_size_bytes" bigint NOT NULL, "part_count" integer NOT NULL, "failure_reason" text, "uploaded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_bc43fbaea303aae823cf37befcc" UNIQUE ("storage_key"), CONSTRAINT "CHK_cf7fa55ef0a6759ae9daf4f986" CHECK (sha256 ~ '^[0-9a-f]{64}$'), CONSTRAINT "CHK_48a1cb71ca14e59e56b6ed18bc" CHECK (size_bytes >= 0), CONSTRAINT "CHK_ef3a4d5513540aa811604bf7fb" CHECK (status IN ('UPLOADING', 'VERIFYING', 'AVAILABLE', 'FAILED', 'ABORTED')), CONSTRAINT "PK_94d03b158f6546a0c529da9d0b3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3a80aca53fa71296936aa0ccc1" ON "dataset_files"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_dataset_files_name" ON "dataset_files"  ("version_id", "name") WHERE status IN ('UPLOADING', 'VERIFYING', 'AVAILABLE')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7771003f3f88c1d5d13f73c1a6" ON "dataset_files"  ("version_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "quality_reports" ("version_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'PENDING', "progress" jsonb NOT NULL DEFAULT '{}', "score" numeric(4,1), "pass_score" integer NOT NULL, "files" jsonb NOT NULL DEFAULT '[]', "reasons" text array NOT NULL DEFAULT '{}', "attempts" integer NOT NULL DEFAULT '0', "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_d181dbbb71bf54ab074b313c2b" CHECK (status IN ('PENDING', 'RUNNING', 'PASSED', 'FAILED')), CONSTRAINT "PK_49fcdb9a0ef1460000e4ee03c41" PRIMARY KEY ("version_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "datasets" ADD CONSTRAINT "FK_565fe9f8a8f63ae600634c2acbd" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dataset_versions" ADD CONSTRAINT "FK_59250594d45b0202fdc42d55ecc" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dataset_files" ADD CONSTRAINT "FK_7771003f3f88c1d5d13f73c1a64" FOREIGN KEY ("version_id") REFERENCES "dataset_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "quality_reports" ADD CONSTRAINT "FK_49fcdb9a0ef1460000e4ee03c41" FOREIGN KEY ("version_id") REFERENCES "dataset_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "quality_reports" DROP CONSTRAINT "FK_49fcdb9a0ef1460000e4ee03c41"`,
    );
    await queryRunner.query(
      `ALTER TABLE "dataset_files" DROP CONSTRAINT "FK_7771003f3f88c1d5d13f73c1a64"`,
    );
    await queryRunner.query(
      `ALTER TABLE "dataset_versions" DROP CONSTRAINT "FK_59250594d45b0202fdc42d55ecc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "datasets" DROP CONSTRAINT "FK_565fe9f8a8f63ae600634c2acbd"`,
    );
    await queryRunner.query(`DROP TABLE "quality_reports"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7771003f3f88c1d5d13f73c1a6"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_dataset_files_name"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3a80aca53fa71296936aa0ccc1"`);
    await queryRunner.query(`DROP TABLE "dataset_files"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_da19d38ec6a4c704f892989a0a"`);
    await queryRunner.query(`DROP TABLE "dataset_versions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_565fe9f8a8f63ae600634c2acb"`);
    await queryRunner.query(`DROP TABLE "datasets"`);
  }
}
