import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COUNT_LISTED_FACETS } from './1796260000000-ListedFacetCounts.js';

/**
 * The catalog's search reads `listed_products`: one narrow row for each listed product, with only
 * the columns a search filters and sorts by, and its search text. A search by a common word reads
 * the row of every product it finds (the GIN index holds no columns), and its time follows the
 * pages it reads: the products table's rows are twice as wide (description, tags, pricing guide,
 * dates), so at 100,000 products `압력` (14,586 found) read 8,003 pages there against 4,519 here,
 * and took half the time (its page 13.7 -> 6.7 ms, its facets 16.3 -> 9.0 ms). Real descriptions
 * are longer than the benchmark's, which widens the gap.
 *
 * Each row also names its combination of facet values (`facet`): the row of listed_facet_counts
 * for its data type, industry, licence, processing support and price range, which gains an id.
 * A search by words counts its products by that one integer and then reads the few combinations'
 * values, instead of grouping by five columns, which PostgreSQL sometimes chose to do by sorting
 * every product found (`프레스`, 12,500 found: 20 -> 9 ms).
 *
 * One trigger on products keeps both tables, in the transaction that lists, delists or changes a
 * product, so they are exact at every moment; it is their only writer. It replaces the facet
 * counts' own trigger.
 *
 * The search indexes move here from products, which no longer need them: the bigram GIN index and
 * the covering indexes for sorts and facet counts. Parallel scans are off for this table
 * (parallel_workers = 0): a search reads at most a few thousand pages, and starting workers took
 * longer than the scan (a common word, 9 -> 40 ms with two workers on this machine).
 */
export class ListedProducts1796270000000 implements MigrationInterface {
  name = 'ListedProducts1796270000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER products_listed_facet_counts ON products`);
    await queryRunner.query(`DROP FUNCTION mdx_count_listed_facets()`);
    await queryRunner.query(
      `ALTER TABLE listed_facet_counts ADD COLUMN id integer GENERATED ALWAYS AS IDENTITY UNIQUE`,
    );
    await queryRunner.query(`
      CREATE TABLE listed_products (
        id uuid PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
        listed_at timestamptz,
        price_krw bigint NOT NULL,
        facet integer NOT NULL REFERENCES listed_facet_counts (id),
        processing_supported boolean NOT NULL,
        quality_score numeric(4, 1),
        processor_organization_id uuid,
        data_type varchar NOT NULL,
        industry_code varchar,
        licence_code varchar NOT NULL,
        title_text text NOT NULL,
        search_text text NOT NULL
      ) WITH (parallel_workers = 0)`);
    await queryRunner.query(`
      CREATE FUNCTION mdx_keep_listed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        listed_before boolean := TG_OP <> 'INSERT' AND OLD.status = 'LISTED';
        listed_now boolean := TG_OP <> 'DELETE' AND NEW.status = 'LISTED';
        same_facet boolean := listed_before AND listed_now
          AND (OLD.data_type, coalesce(OLD.industry_code, ''), OLD.licence_code,
               OLD.processing_supported, mdx_price_range(OLD.price_krw))
              = (NEW.data_type, coalesce(NEW.industry_code, ''), NEW.licence_code,
                 NEW.processing_supported, mdx_price_range(NEW.price_krw));
        facet_id integer;
      BEGIN
        IF same_facet THEN
          UPDATE listed_products
             SET listed_at = NEW.listed_at, price_krw = NEW.price_krw,
                 quality_score = NEW.quality_score,
                 processor_organization_id = NEW.processor_organization_id,
                 title_text = NEW.title_text, search_text = NEW.search_text
           WHERE id = NEW.id
             AND (listed_at, price_krw, quality_score, processor_organization_id, title_text,
                  search_text)
                 IS DISTINCT FROM
                 (NEW.listed_at, NEW.price_krw, NEW.quality_score, NEW.processor_organization_id,
                  NEW.title_text, NEW.search_text);
          RETURN NULL;
        END IF;
        IF listed_before THEN
          UPDATE listed_facet_counts SET n = n - 1
           WHERE (data_type, industry_code, licence_code, processing_supported, band)
                 = (OLD.data_type, coalesce(OLD.industry_code, ''), OLD.licence_code,
                    OLD.processing_supported, mdx_price_range(OLD.price_krw));
          IF NOT listed_now THEN
            DELETE FROM listed_products WHERE id = OLD.id;
          END IF;
        END IF;
        IF listed_now THEN
          INSERT INTO listed_facet_counts AS c
                 (data_type, industry_code, licence_code, processing_supported, band, n)
            VALUES (NEW.data_type, coalesce(NEW.industry_code, ''), NEW.licence_code,
                    NEW.processing_supported, mdx_price_range(NEW.price_krw), 1)
            ON CONFLICT (data_type, industry_code, licence_code, processing_supported, band)
            DO UPDATE SET n = c.n + 1
            RETURNING c.id INTO facet_id;
          INSERT INTO listed_products AS l
            VALUES (NEW.id, NEW.listed_at, NEW.price_krw, facet_id, NEW.processing_supported,
                    NEW.quality_score, NEW.processor_organization_id, NEW.data_type,
                    NEW.industry_code, NEW.licence_code, NEW.title_text, NEW.search_text)
            ON CONFLICT (id) DO UPDATE SET
              listed_at = EXCLUDED.listed_at, price_krw = EXCLUDED.price_krw,
              facet = EXCLUDED.facet, processing_supported = EXCLUDED.processing_supported,
              quality_score = EXCLUDED.quality_score,
              processor_organization_id = EXCLUDED.processor_organization_id,
              data_type = EXCLUDED.data_type, industry_code = EXCLUDED.industry_code,
              licence_code = EXCLUDED.licence_code, title_text = EXCLUDED.title_text,
              search_text = EXCLUDED.search_text;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER products_listed
        AFTER INSERT OR DELETE
           OR UPDATE OF status, listed_at, price_krw, processing_supported, quality_score,
                        processor_organization_id, data_type, industry_code, licence_code,
                        title_text, search_text
        ON products FOR EACH ROW EXECUTE FUNCTION mdx_keep_listed()`);
    await queryRunner.query(`
      INSERT INTO listed_products
      SELECT p.id, p.listed_at, p.price_krw, c.id, p.processing_supported, p.quality_score,
             p.processor_organization_id, p.data_type, p.industry_code, p.licence_code,
             p.title_text, p.search_text
        FROM products p
        JOIN listed_facet_counts c
          ON (c.data_type, c.industry_code, c.licence_code, c.processing_supported, c.band)
             = (p.data_type, coalesce(p.industry_code, ''), p.licence_code,
                p.processing_supported, mdx_price_range(p.price_krw))
       WHERE p.status = 'LISTED'`);
    await queryRunner.query(
      `CREATE INDEX "IDX_listed_products_bigrams" ON listed_products USING gin (mdx_bigrams(search_text))`,
    );
    await queryRunner.query(`
      CREATE INDEX "IDX_listed_products_price" ON listed_products (price_krw, id)
        INCLUDE (data_type, industry_code, processing_supported, quality_score, processor_organization_id, listed_at)`);
    await queryRunner.query(`
      CREATE INDEX "IDX_listed_products_newest" ON listed_products (listed_at DESC, id)
        INCLUDE (data_type, industry_code, processing_supported, quality_score, processor_organization_id, price_krw)`);
    await queryRunner.query(`
      CREATE INDEX "IDX_listed_products_facets" ON listed_products
        (data_type, industry_code, licence_code, processing_supported, price_krw, quality_score)
        INCLUDE (processor_organization_id, facet)`);
    for (const index of ['search_bigrams', 'listed_price', 'listed_newest', 'listed_facets'])
      await queryRunner.query(`DROP INDEX "IDX_products_${index}"`);
    await queryRunner.query(`ANALYZE listed_products`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
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
      CREATE INDEX "IDX_products_listed_facets" ON products
        (data_type, industry_code, licence_code, processing_supported, price_krw, quality_score)
        INCLUDE (processor_organization_id)
        WHERE status = 'LISTED'`);
    await queryRunner.query(`DROP TRIGGER products_listed ON products`);
    await queryRunner.query(`DROP FUNCTION mdx_keep_listed()`);
    await queryRunner.query(`DROP TABLE listed_products`);
    await queryRunner.query(`ALTER TABLE listed_facet_counts DROP COLUMN id`);
    for (const sql of COUNT_LISTED_FACETS) await queryRunner.query(sql);
  }
}
