/**
 * Korean has no dictionary in PostgreSQL, so search uses character n-grams: every word of two or
 * more characters gives its overlapping pairs ("용해탱크" -> 용해, 해탱, 탱크), a one-character word
 * gives itself. Pairs of Latin letters and digits are common to many words ("in", "ng"), so every
 * run of three characters without a Hangul syllable is a token too ("rolling" -> rol, oll, ...).
 * A product matches a query when it holds all the query's tokens (a GIN index on a text[] finds
 * them), and then each query word is checked as a substring.
 */

/** Lower case, Unicode NFC, and anything that is not a letter or a digit becomes a space. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Spaces between two Hangul syllables: Korean compounds are written with or without them. */
const SPACE_IN_HANGUL = /(?<=[\uAC00-\uD7A3]) (?=[\uAC00-\uD7A3])/g;

/**
 * The text a product is searched by: normalised, with the spaces between Hangul syllables taken
 * out. Korean compounds are written with or without them, and a query's words are matched as
 * substrings and its bigrams as tokens, so `품질예측` and `품질 예측` both find `품질 예측` (and
 * `품질예측`): the query's spaces split it into words that are each a substring of the joined text.
 */
export function searchableText(text: string): string {
  return normaliseText(text).replace(SPACE_IN_HANGUL, '');
}

export function words(text: string): string[] {
  const normal = normaliseText(text);
  return normal ? normal.split(' ') : [];
}

export function tokens(text: string): string[] {
  const out = new Set<string>();
  for (const word of words(text)) {
    const chars = [...word];
    if (chars.length === 1) out.add(word);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  return [...out];
}

const HANGUL = /[\uAC00-\uD7A3]/;

/** Each run of three characters of each word that holds no Hangul syllable. */
function trigrams(word: string): string[] {
  const chars = [...word];
  const out: string[] = [];
  for (let i = 0; i + 2 < chars.length; i++) {
    const gram = chars[i] + chars[i + 1] + chars[i + 2];
    if (!HANGUL.test(gram)) out.push(gram);
  }
  return out;
}

/**
 * The tokens a product's text is indexed by (mdx_tokens() in SQL makes the same): its bigrams and
 * its trigrams without Hangul.
 */
export function indexTokens(text: string): string[] {
  return [...new Set([...tokens(text), ...words(text).flatMap(trigrams)])];
}

/**
 * The tokens a query must find: a word of three or more characters without Hangul by its
 * trigrams (far fewer products hold "rol" than "ro"), any other word by its bigrams. Any text
 * holding the word holds them all, as indexTokens makes them.
 */
export function queryTokens(q: string): string[] {
  const out = new Set<string>();
  for (const word of words(q))
    for (const token of [...word].length >= 3 && !HANGUL.test(word) ? trigrams(word) : tokens(word))
      out.add(token);
  return [...out];
}
