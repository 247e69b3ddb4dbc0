import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger guards itself: entries and journals are append-only (corrections are new entries),
 * and at commit every journal must sum to zero (a deferred constraint trigger).
 */
export class LedgerIntegrity1795637500000 implements MigrationInterface {
  name = 'LedgerIntegrity1795637500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only (% on % refused); post a correcting journal instead', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['ledger_entries', 'ledger_journals']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION ledger_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE total bigint;
      BEGIN
        SELECT coalesce(sum(amount_krw), 0) INTO total FROM ledger_entries WHERE journal_id = NEW.journal_id;
        IF total <> 0 THEN
          RAISE EXCEPTION 'ledger journal % does not balance: its entries sum to %', NEW.journal_id, total
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_journal_balanced()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ledger_entries_balanced ON ledger_entries`);
    await queryRunner.query(`DROP FUNCTION ledger_journal_balanced()`);
    for (const table of ['ledger_entries', 'ledger_journals']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_no_update_delete ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION ledger_append_only()`);
  }
}
