import {
  businessNumberCheckDigit,
  businessNumberProblem,
  normaliseBusinessNumber,
} from './business-number.js';

describe('business registration number', () => {
  // Published numbers of real companies (Samsung Electronics, Naver, Kakao, Coupang).
  it.each(['1248100998', '2208162517', '1208147521', '1208801280'])('accepts %s', (n) => {
    expect(businessNumberProblem(n)).toBeUndefined();
  });

  it('computes the check digit with the 9th-digit carry', () => {
    // 9th digit 9: 9 x 5 = 45 adds 4 beyond the weighted sum.
    expect(businessNumberCheckDigit('124810099')).toBe(8);
    expect(businessNumberCheckDigit('000000009')).toBe((10 - ((9 * 5 + 4) % 10)) % 10);
  });

  it('refuses a wrong check digit', () => {
    expect(businessNumberProblem('1248100999')).toBe('CHECK_DIGIT');
    expect(businessNumberProblem('2208162510')).toBe('CHECK_DIGIT');
  });

  it('refuses anything that is not ten digits', () => {
    for (const n of ['', '124810099', '12481009981', '12481009a8', '124-81-00998'])
      expect(businessNumberProblem(n)).toBe('FORMAT');
  });

  it('strips dashes and spaces only', () => {
    expect(normaliseBusinessNumber('124-81-00998')).toBe('1248100998');
    expect(normaliseBusinessNumber(' 124 81 00998 ')).toBe('1248100998');
    expect(normaliseBusinessNumber('124.81.00998')).toBe('124.81.00998');
  });
});
