import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search text and title text lose the spaces between Hangul syllables (searchableText in
 * src/modules/catalog/search-tokens.ts), so `품질예측` finds `품질 예측`: the stored products'
 * texts are rewritten the same way here.
 */
export class SearchKoreanWithoutSpaces1796130000000 implements MigrationInterface {
  name = 'SearchKoreanWithoutSpaces1796130000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE products
          SET search_text = regexp_replace(search_text, '([가-힣]) (?=[가-힣])', '\\1', 'g'),
              title_text = regexp_replace(title_text, '([가-힣]) (?=[가-힣])', '\\1', 'g')
        WHERE search_text ~ '[가-힣] [가-힣]' OR title_text ~ '[가-힣] [가-힣]'`,
    );
  }

  async down(): Promise<void> {
    // The longer text still finds everything the shorter one did; nothing to undo.
  }
}
