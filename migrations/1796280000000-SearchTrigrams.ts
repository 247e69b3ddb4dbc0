import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search tokens gain the trigrams of Latin letters and digits (search-tokens.ts: indexTokens,
 * queryTokens). Their bigrams are common to many words: `rolling` (ro, ol, ll, li, in, ng) named
 * 25,000 of 100,000 products, of which 1,667 hold the word, and each of the others was read to be
 * refused. mdx_tokens() makes a text's bigrams, as mdx_bigrams() does, and every run of three
 * characters without a Hangul syllable; a query word of three or more characters without Hangul
 * asks for its trigrams. The GIN index of listed_products is made anew on it.
 */
export class SearchTrigrams1796280000000 implements MigrationInterface {
  name = 'SearchTrigrams1796280000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION mdx_tokens(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT tok), '{}')
          FROM (SELECT CASE WHEN length(w) = 1 THEN w ELSE substr(w, i, 2) END AS tok
                  FROM unnest(string_to_array(t, ' ')) AS w,
                       generate_series(1, greatest(length(w) - 1, 1)) AS i
                 WHERE w <> ''
                UNION ALL
                SELECT substr(w, i, 3)
                  FROM unnest(string_to_array(t, ' ')) AS w, generate_series(1, length(w) - 2) AS i
                 WHERE substr(w, i, 3) !~ '[가-힣]') s
      $$`);
    await queryRunner.query(
      `CREATE INDEX "IDX_listed_products_tokens" ON listed_products USING gin (mdx_tokens(search_text))`,
    );
    await queryRunner.query(`DROP INDEX "IDX_listed_products_bigrams"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_listed_products_bigrams" ON listed_products USING gin (mdx_bigrams(search_text))`,
    );
    await queryRunner.query(`DROP INDEX "IDX_listed_products_tokens"`);
    await queryRunner.query(`DROP FUNCTION mdx_tokens(text)`);
  }
}
