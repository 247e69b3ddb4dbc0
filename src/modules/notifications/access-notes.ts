import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type DomainEvent, DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';
import { seoulDate } from '../../platform/time/seoul-date.js';
import { Notifier } from './notifier.service.js';

interface AccessPayload {
  productId: string;
  sellerOrganizationId: string;
  dueOn: string;
  reason: string | null;
  decidedAs: 'SELLER' | 'OPERATOR' | null;
  status: string;
  accessUntil: string | null;
  askAgainFrom: string | null;
}

const day = (at: string | null) => (at ? seoulDate(new Date(at)) : '');

/**
 * Access requests, told to both sides at each step: the seller hears of a request and of its
 * escalation, the buyer of every answer, and the operators of what is now theirs to decide.
 */
@Injectable()
export class AccessNotes implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    const on = (
      type: string,
      name: string,
      handler: (e: DomainEvent, m: EntityManager) => Promise<void>,
    ) => this.events.subscribe(type, `notifications.${name}`, handler);
    on(EVENT_TYPES.ACCESS_REQUEST_CREATED, 'access_created', (e, m) => this.created(e, m));
    on(EVENT_TYPES.ACCESS_REQUEST_DECIDED, 'access_decided', (e, m) => this.decided(e, m));
    on(EVENT_TYPES.ACCESS_REQUEST_ESCALATED, 'access_escalated', (e, m) => this.escalated(e, m));
    on(EVENT_TYPES.ACCESS_REQUEST_EXPIRED, 'access_expired', (e, m) => this.expired(e, m));
  }

  private async facts(e: DomainEvent, m: EntityManager) {
    const p = e.payload as unknown as AccessPayload;
    return {
      p,
      title: await this.notifier.productTitle(m, p.productId),
      buyer: await this.notifier.orgName(m, e.organizationId!),
    };
  }

  private async created(e: DomainEvent, m: EntityManager) {
    const { p, title, buyer } = await this.facts(e, m);
    await this.notifier.notify(m, e, await this.notifier.members(m, p.sellerOrganizationId), {
      kind: 'access.requested',
      titleKo: `이용 신청이 왔습니다: ${title}`,
      titleEn: `Access requested: ${title}`,
      bodyKo: `${buyer}의 신청입니다. ${p.dueOn}까지 승인하거나 거절해 주세요. 기한이 지나면 운영자에게 넘어갑니다.`,
      bodyEn: `From ${buyer}. Approve or refuse it by ${p.dueOn}; after that it goes to the operators.`,
      link: '/sell?tab=access',
    });
  }

  private async decided(e: DomainEvent, m: EntityManager) {
    const { p, title } = await this.facts(e, m);
    const approved = p.status === 'APPROVED';
    const by = p.decidedAs === 'OPERATOR' ? ['운영자가 ', 'An operator '] : ['', 'The seller '];
    await this.notifier.notify(m, e, await this.notifier.members(m, e.organizationId!), {
      kind: 'access.decided',
      titleKo: `${approved ? '이용 신청이 승인되었습니다' : '이용 신청이 거절되었습니다'}: ${title}`,
      titleEn: `${approved ? 'Access approved' : 'Access refused'}: ${title}`,
      bodyKo: approved
        ? `${by[0]}승인했습니다. ${day(p.accessUntil)}까지 구매할 수 있습니다.`
        : `${by[0]}거절했습니다. 사유: ${p.reason}. ${day(p.askAgainFrom)}부터 다시 신청할 수 있습니다.`,
      bodyEn: approved
        ? `${by[1]}approved it. You may buy it until ${day(p.accessUntil)}.`
        : `${by[1]}refused it. Reason: ${p.reason}. You may ask again from ${day(p.askAgainFrom)}.`,
      link: `/products/${p.productId}`,
    });
    if (p.decidedAs === 'OPERATOR')
      await this.notifier.notify(m, e, await this.notifier.members(m, p.sellerOrganizationId), {
        kind: 'access.decided',
        titleKo: `운영자가 이용 신청을 ${approved ? '승인' : '거절'}했습니다: ${title}`,
        titleEn: `An operator ${approved ? 'approved' : 'refused'} an access request: ${title}`,
        bodyKo: `답변 기한(${p.dueOn})이 지나 운영자가 대신 결정했습니다.`,
        bodyEn: `The answer was due by ${p.dueOn}, so an operator decided in your place.`,
        link: '/sell?tab=access',
      });
  }

  private async escalated(e: DomainEvent, m: EntityManager) {
    const { p, title, buyer } = await this.facts(e, m);
    await this.notifier.notify(m, e, await this.notifier.members(m, p.sellerOrganizationId), {
      kind: 'access.escalated',
      titleKo: `답변 기한이 지나 운영자에게 넘어갔습니다: ${title}`,
      titleEn: `Past its deadline, sent to the operators: ${title}`,
      bodyKo: `${buyer}의 신청에 ${p.dueOn}까지 답하지 않았습니다. 지금도 답할 수 있지만, 운영자가 먼저 결정할 수 있습니다.`,
      bodyEn: `${buyer}'s request was due by ${p.dueOn}. You may still answer, but an operator may decide first.`,
      link: '/sell?tab=access',
    });
    await this.notifier.notify(m, e, await this.notifier.members(m, e.organizationId!), {
      kind: 'access.escalated',
      titleKo: `판매자가 기한 안에 답하지 않아 운영자에게 넘어갔습니다: ${title}`,
      titleEn: `The seller did not answer in time; the operators will decide: ${title}`,
      bodyKo: null,
      bodyEn: null,
      link: `/products/${p.productId}`,
    });
    await this.notifier.notify(m, e, await this.notifier.operators(m), {
      kind: 'access.escalated',
      titleKo: `결정이 필요한 이용 신청: ${title}`,
      titleEn: `An access request to decide: ${title}`,
      bodyKo: `${buyer} → 판매자 답변 기한 ${p.dueOn} 경과`,
      bodyEn: `${buyer}; the seller's answer was due by ${p.dueOn}`,
      link: '/desk?tab=access',
    });
  }

  private async expired(e: DomainEvent, m: EntityManager) {
    const { p, title } = await this.facts(e, m);
    await this.notifier.notify(m, e, await this.notifier.members(m, e.organizationId!), {
      kind: 'access.expired',
      titleKo: `승인 기간이 끝났습니다: ${title}`,
      titleEn: `Your approval has lapsed: ${title}`,
      bodyKo: '구매하려면 다시 이용 신청을 해 주세요.',
      bodyEn: 'Ask for access again to buy it.',
      link: `/products/${p.productId}`,
    });
  }
}
