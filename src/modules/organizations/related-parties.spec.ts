import {
  linksFromFacts,
  normaliseName,
  representatives,
  sharedRepresentative,
} from './related-parties.js';

const org = (id: string, registrationNumber: string, representativeName: string) => ({
  id,
  name: id,
  registrationNumber,
  representativeName,
});

describe('related parties from their own data', () => {
  const a = org('a', '1248100998', '홍길동');

  it('links the same organization, the same number and the same representative', () => {
    expect(linksFromFacts(a, a).map((l) => l.kind)).toEqual(['SAME_ORGANIZATION']);
    expect(linksFromFacts(a, org('b', '1248100998', '김철수')).map((l) => l.kind)).toEqual([
      'SAME_REGISTRATION_NUMBER',
    ]);
    expect(linksFromFacts(a, org('b', '2208162517', '홍 길동'))).toEqual([
      { kind: 'SAME_REPRESENTATIVE', detail: '홍길동' },
    ]);
    expect(linksFromFacts(a, org('b', '2208162517', '김철수'))).toEqual([]);
  });

  it('compares names after normalising width, case, titles, spaces and punctuation', () => {
    expect(normaliseName('대표이사 홍길동')).toBe('홍길동');
    expect(normaliseName('홍길동 (대표)')).toBe('홍길동');
    expect(normaliseName('Ｈｏｎｇ　Ｇｉｌ-dong')).toBe('honggildong');
    expect(normaliseName('Hong\u200bGildong')).toBe('honggildong');
    expect(sharedRepresentative('CEO Kim Chul-Soo', 'kim chulsoo')).toBe('kimchulsoo');
    expect(normaliseName('Adrian Kim')).toBe('adriankim');
  });

  it('finds a co-representative shared with the other organization', () => {
    expect(representatives('홍길동, 김철수')).toEqual(['홍길동', '김철수']);
    expect(representatives('홍길동·김철수')).toEqual(['홍길동', '김철수']);
    expect(representatives('홍길동 및 김철수')).toEqual(['홍길동', '김철수']);
    expect(sharedRepresentative('이영희/김철수', '김 철수')).toBe('김철수');
    expect(sharedRepresentative('이영희', '김철수, 박민수')).toBeUndefined();
  });

  it('does not link names that only share a title', () => {
    expect(sharedRepresentative('대표', '대표이사')).toBeUndefined();
  });
});
