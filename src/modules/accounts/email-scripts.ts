/** Scripts a confusable letter could come from (UTS #39's usual suspects, and the ones users write). */
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Hangul',
  'Han',
  'Hiragana',
  'Katakana',
  'Arabic',
  'Hebrew',
  'Thai',
  'Cherokee',
] as const;
const TESTS = SCRIPTS.map((s) => [s, new RegExp(`^\\p{Script=${s}}$`, 'u')] as const);

/** Scripts that are written together in one language: Japanese, and Korean with hanja. */
const TOGETHER: string[][] = [
  ['Han', 'Hiragana', 'Katakana'],
  ['Hangul', 'Han'],
];

function scriptOf(letter: string): string {
  return TESTS.find(([, re]) => re.test(letter))?.[0] ?? 'Other';
}

/**
 * Why an e-mail address could be a look-alike of another, or undefined when it cannot. Each part
 * (the local part, each label of the domain) must be written in one script, or in scripts one
 * language writes together: `іvan@example.com` with a Cyrillic `і` mixes Cyrillic and Latin.
 * Invisible characters (zero-width, bidi controls) are refused anywhere.
 */
export function emailScriptProblem(email: string): string | undefined {
  if (/[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]/u.test(email))
    return 'contains an invisible or control character';
  const [local = '', domain = ''] = email.split('@');
  for (const part of [local, ...domain.split('.')]) {
    const scripts = new Set([...part].filter((c) => /\p{L}/u.test(c)).map(scriptOf));
    if (scripts.size <= 1) continue;
    if (TOGETHER.some((group) => [...scripts].every((s) => group.includes(s)))) continue;
    return `mixes ${[...scripts].sort().join(' and ')} letters in "${part}", as look-alike addresses do`;
  }
  return undefined;
}
