import { normaliseText, tokens, words } from './search-tokens.js';

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
