import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The web app's translation files: the same keys in Korean and English, none left empty. */
describe('web app translations', () => {
  const load = (lang: string) =>
    JSON.parse(readFileSync(path.resolve('src/web/common/i18n', `${lang}.json`), 'utf8')) as Record<
      string,
      unknown
    >;
  const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      v && typeof v === 'object'
        ? keys(v as Record<string, unknown>, `${prefix}${k}.`)
        : [`${prefix}${k}`],
    );
  const leaves = (o: Record<string, unknown>): unknown[] =>
    Object.values(o).flatMap((v) =>
      v && typeof v === 'object' ? leaves(v as Record<string, unknown>) : [v],
    );

  // A language may give a key plural forms (i18next: `files_one`, `files_other`); Korean has one
  // form for every count, English two. `base` is the key the app asks for.
  const PLURAL = /_(zero|one|two|few|many|other)$/;
  const base = (key: string) => key.replace(PLURAL, '');
  const at = (o: Record<string, unknown>, key: string) =>
    key.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)?.[k], o) as
      string | undefined;
  /** The text for many of a key: its `_other` form, or the key itself when it has no plural. */
  const many = (o: Record<string, unknown>, key: string) => at(o, `${key}_other`) ?? at(o, key)!;

  it('has every key in both languages, and an "other" form for every key with plural forms', () => {
    const ko = [...new Set(keys(load('ko')).map(base))].sort();
    const en = [...new Set(keys(load('en')).map(base))].sort();
    expect(ko.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !ko.includes(k))).toEqual([]);
    expect(ko.length).toBeGreaterThan(200);
    for (const lang of ['ko', 'en']) {
      const all = keys(load(lang));
      const plural = all.filter((k) => PLURAL.test(k)).map(base);
      expect([lang, plural.filter((k) => !all.includes(`${k}_other`))]).toEqual([lang, []]);
    }
  });

  it('leaves no text empty, and keeps the same placeholders in both', () => {
    const ko = load('ko');
    const en = load('en');
    for (const v of [...leaves(ko), ...leaves(en)]) expect(String(v).trim()).not.toBe('');
    const slots = (text: string) => [...text.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();
    for (const key of new Set(keys(ko).map(base))) {
      // The text for many has the same slots in both; a form for one may say "one" instead of
      // {{count}}, but has no slot the other form lacks.
      expect([key, slots(many(ko, key))]).toEqual([key, slots(many(en, key))]);
      for (const [lang, o] of [
        ['ko', ko],
        ['en', en],
      ] as const)
        for (const form of ['zero', 'one', 'two', 'few', 'many'])
          if (at(o, `${key}_${form}`) !== undefined)
            expect([
              lang,
              key,
              form,
              slots(at(o, `${key}_${form}`)!).filter((x) => x !== 'count'),
            ]).toEqual([lang, key, form, slots(many(o, key)).filter((x) => x !== 'count')]);
    }
  });

  it('names every action the audit trail records', () => {
    // Every `action: '...'` the modules write (ternaries too) and every processing project's
    // recorded event, read from the sources.
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.startsWith('web'),
    );
    const actions = new Set<string>();
    for (const f of files)
      for (const line of readFileSync(path.join('src', f), 'utf8').split('\n'))
        if (/\baction: |records\.event\(/.test(line))
          for (const m of line.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(m[1]);
    expect(actions.size).toBeGreaterThan(40);
    const named = new Set(
      keys(load('ko'))
        .filter((k) => k.startsWith('codes.auditAction.'))
        .map((k) => k.slice('codes.auditAction.'.length)),
    );
    expect([...actions].filter((a) => !named.has(a)).sort()).toEqual([]);
  });

  it('writes large counts with thousands separated, in both languages', async () => {
    const { default: i18next } = await import('i18next');
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { ko: { translation: load('ko') }, en: { translation: load('en') } },
      lng: 'ko',
      interpolation: { escapeValue: false },
    });
    expect(i18n.t('catalog.found', { count: 14_586 })).toBe('14,586개 상품');
    expect(i18n.t('processors.count', { count: 1_204 })).toBe('1,204곳');
    expect(i18n.t('desk.audit.total', { count: 25_310 })).toBe('25,310건');
    const en = i18n.getFixedT('en');
    expect(en('catalog.found', { count: 14_586 })).toBe('14,586 products');
    expect(en('catalog.found', { count: 1 })).toBe('1 product');
    expect(en('desk.verify.intro', { count: 1_200 })).toMatch(/^1,200 organizations claimed/);
  });
});
