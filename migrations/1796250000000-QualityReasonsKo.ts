import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A failed quality report's reasons in Korean beside the English ones: the data's owner reads
 * them on the dataset's page, in the notification and in the mail. Reports made before keep only
 * their English reasons (the column starts empty for them).
 */
export class QualityReasonsKo1796250000000 implements MigrationInterface {
  name = 'QualityReasonsKo1796250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "quality_reports" ADD "reasons_ko" text array NOT NULL DEFAULT '{}'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "quality_reports" DROP COLUMN "reasons_ko"`);
  }
}
