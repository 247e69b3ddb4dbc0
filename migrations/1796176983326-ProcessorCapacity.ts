import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProcessorCapacity1796176983326 implements MigrationInterface {
  name = 'ProcessorCapacity1796176983326';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pool_members" ADD "capacity" integer`);
    await queryRunner.query(
      `ALTER TABLE "pool_members" ADD CONSTRAINT "CHK_401c1c34137d97a203a77b8524" CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 100)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "pool_members" DROP CONSTRAINT "CHK_401c1c34137d97a203a77b8524"`,
    );
    await queryRunner.query(`ALTER TABLE "pool_members" DROP COLUMN "capacity"`);
  }
}
