import { emailScriptProblem } from './email-scripts.js';

describe('e-mail addresses that could pass for another', () => {
  it('accepts addresses written in one script per part', () => {
    for (const ok of [
      'kim@factory.co.kr',
      '김민수@회사.한국',
      'ivan@пример.рф',
      '山田@example.jp',
      '홍길동漢字@example.com',
      'o.brien+test@example.com',
    ])
      expect(emailScriptProblem(ok)).toBeUndefined();
  });

  it('refuses a Cyrillic letter in a Latin address, and Greek in a Latin domain', () => {
    expect(emailScriptProblem('\u0456van@example.com')).toMatch(/Cyrillic and Latin/);
    expect(emailScriptProblem('admin@ex\u03bfmple.com')).toMatch(/Greek and Latin/);
  });

  it('refuses invisible characters', () => {
    expect(emailScriptProblem('kim\u200b@factory.co.kr')).toMatch(/invisible/);
    expect(emailScriptProblem('kim@factory\u202e.co.kr')).toMatch(/invisible/);
  });
});
