import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog search: a GIN index on the products' character-bigram tokens (Korean has no dictionary
 * in PostgreSQL; see src/modules/catalog/search-tokens.ts), partial to listed products. And the
 * three licence templates the service starts with.
 */
export class CatalogSearchAndLicences1795639100000 implements MigrationInterface {
  name = 'CatalogSearchAndLicences1795639100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_products_search_tokens" ON products USING gin (search_tokens) WHERE status = 'LISTED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_products_listed_price" ON products (price_krw) WHERE status = 'LISTED'`,
    );
    await queryRunner.query(`
      INSERT INTO licences (code, name, name_ko, terms, term_months, commercial_use, derivatives) VALUES
        ('INTERNAL_USE', 'Internal use only', '내부 활용 전용',
         'The buyer may use the data inside its own organization to improve its processes. No redistribution, no resale, no sharing with third parties.',
         12, false, true),
        ('RESEARCH_ONLY', 'Research only', '연구 목적 전용',
         'The buyer may use the data for non-commercial research and publish results that do not contain the data itself. No commercial use, no redistribution.',
         12, false, true),
        ('COMMERCIAL', 'Commercial use with derivatives', '상업적 이용 및 2차 저작물 허용',
         'The buyer may use the data commercially and build derived products such as trained models. The raw data may not be redistributed or resold.',
         24, true, true)
      ON CONFLICT (code) DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM licences WHERE code IN ('INTERNAL_USE', 'RESEARCH_ONLY', 'COMMERCIAL') AND updated_by IS NULL`,
    );
    await queryRunner.query(`DROP INDEX "IDX_products_listed_price"`);
    await queryRunner.query(`DROP INDEX "IDX_products_search_tokens"`);
  }
}
