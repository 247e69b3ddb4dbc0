import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PartChecksums1796219922237 implements MigrationInterface {
  name = 'PartChecksums1796219922237';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dataset_files" ADD "part_sha256" text array`);
    await queryRunner.query(
      `ALTER TABLE "dataset_files" ADD CONSTRAINT "CHK_c365f5c2c1c5c8d485dfe0299e" CHECK (part_sha256 IS NULL OR cardinality(part_sha256) = part_count)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "dataset_files" DROP CONSTRAINT "CHK_c365f5c2c1c5c8d485dfe0299e"`,
    );
    await queryRunner.query(`ALTER TABLE "dataset_files" DROP COLUMN "part_sha256"`);
  }
}
