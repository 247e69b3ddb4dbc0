import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail refuses UPDATE, DELETE and TRUNCATE; and the announcement's excluded
 * industries (2024 integrated announcement: 유흥·향락업, 숙박·음식점업, 불건전 오락용품 제조업) are
 * seeded as KSIC (10th revision) codes the operator can edit.
 */
export class AuditAppendOnlyAndExcludedIndustries1795636500000 implements MigrationInterface {
  name = 'AuditAppendOnlyAndExcludedIndustries1795636500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON audit_entries
      FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`);
    await queryRunner.query(`
      INSERT INTO excluded_industries (code, name, reason) VALUES
        ('55', '숙박업', '숙박·음식점업'),
        ('56', '음식점 및 주점업', '숙박·음식점업'),
        ('56211', '일반 유흥 주점업', '유흥·향락업'),
        ('56212', '무도 유흥 주점업', '유흥·향락업'),
        ('91241', '카지노 운영업', '유흥·향락업'),
        ('91249', '기타 사행시설 관리 및 운영업', '유흥·향락업'),
        ('91291', '무도장 운영업', '유흥·향락업'),
        ('33409', '기타 오락용품 제조업 (사행성 게임기 등)', '불건전 오락용품 제조업')
      ON CONFLICT (code) DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM excluded_industries WHERE code IN ('55', '56', '56211', '56212', '91241', '91249', '91291', '33409') AND updated_by IS NULL`,
    );
    await queryRunner.query(`DROP TRIGGER audit_entries_no_truncate ON audit_entries`);
    await queryRunner.query(`DROP TRIGGER audit_entries_no_update_delete ON audit_entries`);
    await queryRunner.query(`DROP FUNCTION audit_entries_append_only()`);
  }
}
