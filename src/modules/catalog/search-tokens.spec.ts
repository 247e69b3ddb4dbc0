import { normaliseText, searchableText, tokens, words } from './search-tokens.js';

describe('search tokens', () => {
  it('makes bigrams of Korean words so a two-syllable substring is one token', () => {
    expect(tokens('용해탱크')).toEqual(['용해', '해탱', '탱크']);
    expect(tokens('용해')).toEqual(['용해']);
    expect(tokens('용해탱크').includes(tokens('탱크')[0])).toBe(true);
  });

  it('lower-cases, normalises to NFC and splits on anything that is not a letter or digit', () => {
    expect(normaliseText('Melting-Tank  데이터!')).toBe('melting tank 데이터');
    expect(words('KAMP 용해탱크, AI')).toEqual(['kamp', '용해탱크', 'ai']);
    expect(tokens('정상'.normalize('NFD'))).toEqual(['정상']);
  });

  it('keeps one-character words and drops duplicates', () => {
    expect(tokens('a 가 aa aa')).toEqual(['a', '가', 'aa']);
    expect(tokens('   ')).toEqual([]);
  });
});

describe('Korean written with or without spaces', () => {
  it('takes out the spaces between Hangul syllables, and only those', () => {
    expect(searchableText('용해탱크 품질 예측 data set')).toBe('용해탱크품질예측 data set');
    expect(searchableText('melting tank 가 b')).toBe('melting tank 가 b');
  });

  it('so a query with or without the spaces finds the same text', () => {
    const text = new Set(tokens(searchableText('품질 예측 데이터')));
    for (const q of ['품질예측', '품질 예측', '예측데이터'])
      expect(tokens(q).every((t) => text.has(t))).toBe(true);
    expect(searchableText('품질 예측 데이터')).toContain('품질예측');
  });
});
