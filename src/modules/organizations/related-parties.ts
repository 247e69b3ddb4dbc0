/**
 * docs/domain.md's related-party rule, as pure functions. Two organizations are related when any link
 * joins them; the links found from their own data are decided here, the ones that need the
 * database (people, operator records) are gathered by RelatedParties and passed in.
 */

/** The kinds of link, in the order they are reported. */
export const LINK_KINDS = [
  'SAME_ORGANIZATION',
  'SAME_REGISTRATION_NUMBER',
  'SAME_REPRESENTATIVE',
  'SHARED_MEMBER',
  'RECORDED_BY_OPERATOR',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface RelatedLink {
  kind: LinkKind;
  /** What was found, for a person to check: the number, the name, the user, the operator's reason. */
  detail: string;
}

export interface PartyFacts {
  id: string;
  name: string;
  registrationNumber: string;
  representativeName: string;
}

/** Titles people write before or after a name; they say nothing about who the person is. */
const TITLES = new Set(
  '대표이사 공동대표 각자대표 대표자 대표 이사장 원장 총장 회장 사장 ceo president director mr mrs ms dr'.split(
    ' ',
  ),
);

/**
 * One representative's name made comparable: Unicode-normalised (NFKC, so full-width letters
 * match), lower case, without invisible characters, titles written as words of their own,
 * spaces, punctuation and symbols.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{Cf}/gu, '')
    .split(/[\p{White_Space}\p{P}\p{S}]+/u)
    .filter((word) => !TITLES.has(word))
    .join('');
}

/**
 * The representatives of an organization: co-representatives are written with a comma, a middle
 * dot, a slash or "and" between them (`홍길동, 김철수`, `홍길동·김철수`).
 */
export function representatives(representativeName: string): string[] {
  return [
    ...new Set(
      representativeName
        .normalize('NFKC')
        .split(/[,，、·ㆍ・/;&]|\s+(?:and|및|외)\s+/iu)
        .map(normaliseName)
        .filter((n) => n.length > 0),
    ),
  ];
}

/** A representative the two have in common, as written for the first; undefined when none. */
export function sharedRepresentative(a: string, b: string): string | undefined {
  const theirs = new Set(representatives(b));
  return representatives(a).find((n) => theirs.has(n));
}

/** The links found from the two organizations' own data (not from people or records). */
export function linksFromFacts(a: PartyFacts, b: PartyFacts): RelatedLink[] {
  const links: RelatedLink[] = [];
  if (a.id === b.id) links.push({ kind: 'SAME_ORGANIZATION', detail: a.name });
  else {
    if (a.registrationNumber === b.registrationNumber)
      links.push({ kind: 'SAME_REGISTRATION_NUMBER', detail: a.registrationNumber });
    const representative = sharedRepresentative(a.representativeName, b.representativeName);
    if (representative) links.push({ kind: 'SAME_REPRESENTATIVE', detail: representative });
  }
  return links;
}

const LINK_EN: Record<LinkKind, string> = {
  SAME_ORGANIZATION: 'they are the same organization',
  SAME_REGISTRATION_NUMBER: 'they have the same registration number',
  SAME_REPRESENTATIVE: 'they have the same representative',
  SHARED_MEMBER: 'a person is or was a member of both',
  RECORDED_BY_OPERATOR: 'the operator recorded a link between them',
};
const LINK_KO: Record<LinkKind, string> = {
  SAME_ORGANIZATION: '같은 기관',
  SAME_REGISTRATION_NUMBER: '같은 사업자등록번호',
  SAME_REPRESENTATIVE: '같은 대표자',
  SHARED_MEMBER: '두 기관에 모두 소속되었던 구성원',
  RECORDED_BY_OPERATOR: '운영기관이 기록한 특수관계',
};

/** The links in words, English and Korean, for a refusal. */
export function describeLinks(links: RelatedLink[]): { en: string; ko: string } {
  return {
    en: links.map((l) => LINK_EN[l.kind]).join('; '),
    ko: links.map((l) => LINK_KO[l.kind]).join(', '),
  };
}
