import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog search. PostgreSQL has no Korean dictionary, so products are found by character bigrams
 * (src/modules/catalog/search-tokens.ts): mdx_bigrams() makes the same tokens from the stored,
 * already normalised search_text, and a GIN index on it finds the products that hold every token of
 * a query. The tokens live only in the index, which keeps product rows narrow. Covering indexes on
 * listed products serve filters, sorts and facet counts as index-only scans. Measured with
 * npm run bench:search on 100,000 products. And the three licence templates the service starts with.
 */
export class CatalogSearch1795640500000 implements MigrationInterface {
  name = 'CatalogSearch1795640500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION mdx_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT tok), '{}')
          FROM (SELECT CASE WHEN length(w) = 1 THEN w ELSE substr(w, i, 2) END AS tok
                  FROM unnest(string_to_array(t, ' ')) AS w, generate_series(1, greatest(length(w) - 1, 1)) AS i
                 WHERE w <> '') s
      $$`);
    await queryRunner.query(
      `CREATE INDEX "IDX_products_search_bigrams" ON products USING gin (mdx_bigrams(search_text)) WHERE status = 'LISTED'`,
    );
    await queryRunner.query(`
      CREATE INDEX "IDX_products_listed_price" ON products (price_krw, id)
        INCLUDE (data_type, industry_code, processing_supported, quality_score, processor_organization_id, listed_at)
        WHERE status = 'LISTED'`);
    await queryRunner.query(`
      CREATE INDEX "IDX_products_listed_newest" ON products (listed_at DESC, id)
        INCLUDE (data_type, industry_code, processing_supported, quality_score, processor_organization_id, price_krw)
        WHERE status = 'LISTED'`);
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
    await queryRunner.query(`DROP INDEX "IDX_products_listed_newest"`);
    await queryRunner.query(`DROP INDEX "IDX_products_listed_price"`);
    await queryRunner.query(`DROP INDEX "IDX_products_search_bigrams"`);
    await queryRunner.query(`DROP FUNCTION mdx_bigrams(text)`);
  }
}
