import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../platform/errors/domain-error.js';
import {
  describeLinks,
  type LinkKind,
  linksFromFacts,
  type PartyFacts,
  type RelatedLink,
} from './related-parties.js';

/** The columns of an organization the rule reads, for raw queries (`o` is organizations). */
export const FACTS = `o.id, o.name, o.registration_number AS "registrationNumber", o.representative_name AS "representativeName"`;

/** Where the rule is applied: the words of the refusal differ, the rule does not. */
export type RelatedPartyContext = 'order' | 'match' | 'payout';

/** What an operator does for or to an organization, in the words of a refusal. */
export type StaffAct =
  | 'verify'
  | 'decide'
  | 'agreement'
  | 'refund'
  | 'payout'
  | 'access'
  | 'match'
  | 'milestone'
  | 'pool'
  | 'delist';

const STAFF_ACTS: Record<StaffAct, { en: string; ko: string }> = {
  verify: { en: 'verify it', ko: '이 기관을 확인할' },
  decide: { en: 'decide its application', ko: '이 신청을 결정할' },
  agreement: { en: 'handle its agreement', ko: '이 협약을 처리할' },
  refund: { en: 'refund this order', ko: '이 주문을 환불할' },
  payout: { en: 'record its payout', ko: '이 기관에 정산할' },
  access: { en: 'decide this access request', ko: '이 이용 신청을 결정할' },
  match: { en: 'match this project', ko: '이 과제에 가공기업을 배정할' },
  milestone: { en: "decide this project's milestones", ko: '이 과제의 단계를 결정할' },
  pool: { en: 'change its standing in the processor pool', ko: '이 가공기업의 자격을 바꿀' },
  delist: { en: 'delist its product', ko: '이 상품의 판매를 중지할' },
};

/**
 * The one related-party rule (docs/domain.md) for orders, evaluations, matching and payouts. Two
 * organizations are related when they are the same, share a registration number or a
 * representative (normalised), when one person is or ever was a member of both, or when an
 * operator recorded a link between them.
 */
@Injectable()
export class RelatedParties {
  /**
   * Every link between two organizations the caller has loaded; empty when they are unrelated.
   * The links found from people and records come in one statement (operator links are stored
   * with the smaller id first).
   */
  async links(m: EntityManager, a: PartyFacts, b: PartyFacts): Promise<RelatedLink[]> {
    const links = linksFromFacts(a, b);
    if (a.id === b.id) return links;
    const [first, second] = [a.id, b.id].sort();
    const [row]: { people: number; reasons: string[] }[] = await m.query(
      `SELECT (SELECT count(*)::int FROM membership_records ra
                 JOIN membership_records rb ON rb.user_id = ra.user_id AND rb.organization_id = $2
                WHERE ra.organization_id = $1) AS people,
              coalesce((SELECT array_agg(reason ORDER BY created_at) FROM organization_links
                         WHERE organization_id = $1 AND linked_organization_id = $2), '{}') AS reasons`,
      [first, second],
    );
    if (row.people > 0) links.push({ kind: 'SHARED_MEMBER', detail: `${row.people} person(s)` });
    for (const reason of row.reasons) links.push({ kind: 'RECORDED_BY_OPERATOR', detail: reason });
    return links;
  }

  /** Refuses with 409 RELATED_PARTY, naming the links, when the two are related. */
  async assertUnrelated(
    m: EntityManager,
    context: RelatedPartyContext,
    first: PartyFacts,
    second: PartyFacts,
  ): Promise<void> {
    const links = await this.links(m, first, second);
    if (!links.length) return;
    const words = describeLinks(links);
    const { en, ko } = {
      order: {
        en: `${first.name} and the seller ${second.name} are related parties (${words.en}); orders between related parties are refused.`,
        ko: `구매 기관(${first.name})과 판매 기관(${second.name})이 특수관계입니다 (${words.ko}). 특수관계인 간에는 구매할 수 없습니다.`,
      },
      match: {
        en: `The processor ${second.name} and the owner ${first.name} are related parties (${words.en}); choose another processor.`,
        ko: `가공기업(${second.name})과 수요기업(${first.name})이 특수관계입니다 (${words.ko}). 다른 가공기업을 배정해 주세요.`,
      },
      payout: {
        en: `The seller ${first.name} was paid by a related party, ${second.name} (${words.en}); refund those orders before paying the seller out.`,
        ko: `판매 기관(${first.name})이 특수관계 기관(${second.name})으로부터 받은 대금이 있습니다 (${words.ko}). 해당 주문을 환불한 뒤 정산해 주세요.`,
      },
    }[context];
    throw new DomainError('RELATED_PARTY', en, {
      messageKo: ko,
      details: {
        links: links.map((l) => ({ kind: l.kind, detail: l.detail })),
        organizations: [first.id, second.id],
      },
    });
  }

  /**
   * The organizations a person is or was a member of that are related to `organizationId`, with
   * the links: an evaluator's conflicts of interest.
   */
  async personLinks(
    m: EntityManager,
    userId: string,
    organization: PartyFacts,
  ): Promise<{ organizationId: string; name: string; links: RelatedLink[] }[]> {
    const own = await this.everMemberOf(m, userId);
    const found = [];
    for (const o of own) {
      const links = await this.links(m, o, organization);
      if (links.length) found.push({ organizationId: o.id, name: o.name, links });
    }
    return found;
  }

  /**
   * An operator does not act on an organization they are or were a member of, nor on one related
   * to it: 403 CONFLICT_OF_INTEREST, naming the link, and another operator acts. Operators usually
   * belong to no organization, and then this is one statement.
   */
  async assertNoStaffConflict(
    m: EntityManager,
    userId: string,
    organizationIds: readonly string[],
    act: StaffAct,
  ): Promise<void> {
    const own = await this.everMemberOf(m, userId);
    if (!own.length || !organizationIds.length) return;
    const targets: PartyFacts[] = await m.query(
      `SELECT ${FACTS} FROM organizations o WHERE o.id = ANY($1::uuid[]) ORDER BY o.name`,
      [[...new Set(organizationIds)]],
    );
    const words = STAFF_ACTS[act];
    for (const target of targets)
      for (const o of own) {
        const links = await this.links(m, o, target);
        if (!links.length) continue;
        const same = o.id === target.id;
        const described = describeLinks(links);
        throw new DomainError(
          'CONFLICT_OF_INTEREST',
          same
            ? `You are or were a member of ${o.name}; another operator must ${words.en}.`
            : `You are or were a member of ${o.name}, which is related to ${target.name} (${described.en}); another operator must ${words.en}.`,
          {
            messageKo: same
              ? `회원님이 소속된(소속되었던) 기관(${o.name})의 일이라 ${words.ko} 수 없습니다. 다른 운영자가 처리해 주세요.`
              : `회원님이 소속된(소속되었던) 기관(${o.name})이 ${target.name}과(와) 특수관계여서(${described.ko}) ${words.ko} 수 없습니다. 다른 운영자가 처리해 주세요.`,
            details: {
              organizationId: target.id,
              memberOf: o.id,
              links: links.map((l) => ({ kind: l.kind, detail: l.detail })),
            },
          },
        );
      }
  }

  /** The organizations a person is or ever was a member of (leaving keeps the record). */
  private everMemberOf(m: EntityManager, userId: string): Promise<PartyFacts[]> {
    return m.query(
      `SELECT DISTINCT ${FACTS} FROM membership_records r JOIN organizations o ON o.id = r.organization_id
        WHERE r.user_id = $1 ORDER BY o.name`,
      [userId],
    );
  }

  /** Records a link an operator found; idempotent for the same pair. */
  async record(
    m: EntityManager,
    organizationId: string,
    linkedOrganizationId: string,
    reason: string,
    operatorId: string,
  ): Promise<{ created: boolean }> {
    const [a, b] = [organizationId, linkedOrganizationId].sort();
    const rows = await m.query(
      `INSERT INTO organization_links (organization_id, linked_organization_id, reason, recorded_by)
       VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id, linked_organization_id) DO NOTHING RETURNING id`,
      [a, b, reason, operatorId],
    );
    return { created: rows.length > 0 };
  }

  /** Links an operator recorded for an organization, both directions. */
  recorded(m: EntityManager, organizationId: string) {
    return m.query(
      `SELECT l.id, CASE WHEN l.organization_id = $1 THEN l.linked_organization_id ELSE l.organization_id END AS "organizationId",
              o.name, l.reason, l.recorded_by AS "recordedBy", l.created_at AS "createdAt"
         FROM organization_links l
         JOIN organizations o ON o.id = CASE WHEN l.organization_id = $1 THEN l.linked_organization_id ELSE l.organization_id END
        WHERE l.organization_id = $1 OR l.linked_organization_id = $1 ORDER BY l.created_at`,
      [organizationId],
    );
  }
}

export type { LinkKind, RelatedLink };
