import {
  indexTokens,
  normaliseText,
  queryTokens,
  searchableText,
  tokens,
  words,
} from './search-tokens.js';

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

describe('trigrams for words without Hangul', () => {
  it('asks a Latin word of three or more letters by its trigrams, other words by bigrams', () => {
    expect(queryTokens('rolling')).toEqual(['rol', 'oll', 'lli', 'lin', 'ing']);
    expect(queryTokens('ai 용해탱크 cnc가공')).toEqual([
      'ai',
      '용해',
      '해탱',
      '탱크',
      'cn',
      'nc',
      'c가',
      '가공',
    ]);
    expect(indexTokens('cnc가공 rolls')).toEqual(
      expect.arrayContaining(['cn', 'nc', 'c가', '가공', 'cnc', 'rol', 'oll', 'lls']),
    );
    expect(indexTokens('cnc가공')).not.toContain('nc가');
  });

  // (A one-character query is a word of its own, as before: it finds one-character words.)
  it('so every substring of two or more characters, asked as a query, finds the text', () => {
    for (const raw of [
      'Melting-tank data 2020/03/04 용해탱크 CNC가공 3상유도전동기',
      'injection molding 사출 성형 press-line',
    ]) {
      const text = searchableText(raw);
      const index = new Set(indexTokens(text));
      for (const word of words(text)) {
        const chars = [...word];
        for (let from = 0; from < chars.length; from++)
          for (let to = from + 2; to <= chars.length; to++) {
            const part = chars.slice(from, to).join('');
            expect([part, queryTokens(part).every((t) => index.has(t))]).toEqual([part, true]);
          }
      }
    }
  });
});
