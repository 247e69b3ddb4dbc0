import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, Not } from 'typeorm';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { LedgerService } from '../ledger/index.js';
import { type Claim, PaymentsHub, type Waiting } from '../payments/index.js';
import { amountMismatch, type PaymentEvent } from '../payments/index.js';
import { ProcessingProject } from './project.entity.js';
import { ProjectRecords } from './project-records.service.js';

/** The owner's own share: its cash part paid through Stripe (payments/ applies the events), and contributions in kind. */
@Injectable()
export class OwnShareService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly ledger: LedgerService,
    private readonly hub: PaymentsHub,
    private readonly records: ProjectRecords,
  ) {}

  onModuleInit(): void {
    this.hub.register('own-share', {
      claim: (m, event) => this.claimOwnShare(m, event),
      // Own shares started and not yet paid: reconciliation asks Stripe about them.
      waiting: (before) => this.ownSharesWaiting(before),
    });
  }

  /** The owner pays its cash part (10% or more of its own share) through Stripe; it is owed to the processor. */
  async payOwnShare(id: string) {
    const project = await this.dataSource.getRepository(ProcessingProject).findOneBy({ id });
    if (!project) throw notFound('Processing project', id);
    if (project.ownSharePaidAt)
      throw new DomainError('CONFLICT', 'The cash part of the own share is paid already.');
    if (project.status !== 'IN_PROGRESS')
      throw new DomainError('INVALID_TRANSITION', 'Pay the own share once a processor is matched.');
    if (project.ownSharePaymentIntentId)
      return {
        paymentIntentId: project.ownSharePaymentIntentId,
        clientSecret: project.ownShareClientSecret,
        amountKrw: project.ownCashKrw,
      };
    const payment = await this.hub
      .startPayment({
        reference: { projectId: id },
        amountKrw: project.ownCashKrw,
        description: `own share of project ${id}`,
        idempotencyKey: `ownshare-${id}`,
      })
      .catch(() => {
        throw new DomainError(
          'PAYMENT_PROVIDER_UNAVAILABLE',
          'The card payment could not be started; try again in a moment.',
        );
      });
    await this.dataSource.getRepository(ProcessingProject).update(
      { id },
      {
        ownSharePaymentIntentId: payment.paymentIntentId,
        ownShareClientSecret: payment.clientSecret,
      },
    );
    return {
      paymentIntentId: payment.paymentIntentId,
      clientSecret: payment.clientSecret,
      amountKrw: project.ownCashKrw,
    };
  }

  /** Applies a Stripe event about an own-share payment (inside the webhook's transaction, once). */
  /** The project whose own share an event pays (by its PaymentIntent, locked), as payments/ asks. */
  private async claimOwnShare(m: EntityManager, event: PaymentEvent): Promise<Claim | undefined> {
    const project = event.paymentIntentId
      ? await m.findOne(ProcessingProject, {
          where: { ownSharePaymentIntentId: event.paymentIntentId },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!project) return undefined;
    return {
      apply: async () => {
        const outcome = await this.applyOwnSharePayment(m, event, project);
        return { outcome, changed: outcome === 'own share paid' };
      },
    };
  }

  private async *ownSharesWaiting(_before: Date): AsyncIterable<Waiting> {
    const projects = await this.dataSource.getRepository(ProcessingProject).find({
      where: { ownSharePaymentIntentId: Not(IsNull()), ownSharePaidAt: IsNull() },
      select: { id: true, ownSharePaymentIntentId: true },
    });
    for (const p of projects)
      yield {
        id: p.id,
        paymentIntentId: p.ownSharePaymentIntentId!,
        metadata: { projectId: p.id },
      };
  }

  private async applyOwnSharePayment(
    m: EntityManager,
    event: PaymentEvent,
    project: ProcessingProject,
  ): Promise<string> {
    if (event.type === 'payment_intent.payment_failed') return 'own share: card payment failed';
    if (event.type !== 'payment_intent.succeeded') return `own share: ignored ${event.type}`;
    if (project.ownSharePaidAt) return 'own share: already paid';
    const mismatch = amountMismatch(event, project.ownCashKrw);
    if (mismatch) return `attention: own share: ${mismatch}; nothing changed`;
    await this.ledger.post(
      m,
      {
        kind: 'OWN_SHARE_PAID',
        referenceType: 'agreement',
        referenceId: project.agreementId,
        memo: `stripe ${event.id}`,
      },
      [
        {
          account: 'STRIPE_CLEARING',
          amountKrw: project.ownCashKrw,
          organizationId: project.ownerOrganizationId,
        },
        {
          account: 'SELLER_PAYABLE',
          amountKrw: -project.ownCashKrw,
          organizationId: project.processorOrganizationId,
        },
      ],
    );
    await m.update(ProcessingProject, { id: project.id }, { ownSharePaidAt: new Date() });
    await this.records.event(m, project.id, 'own_share.paid', null, null);
    return 'own share paid';
  }

  /** Records the owner's contribution in kind; with the cash part it may not exceed the own share. */
  async recordInKind(id: string, amountKrw: number, description: string) {
    await this.tx.run(async (m) => {
      const project = await this.records.lock(m, id);
      const recorded = project.inKind.reduce((a, x) => a + BigInt(x.amountKrw), 0n);
      const room = project.ownKrw - project.ownCashKrw - recorded;
      if (BigInt(amountKrw) > room)
        throw new DomainError(
          'CONFLICT',
          `In kind the owner can still record ${room.toLocaleString('en-US')} KRW (own share minus the cash part minus what is recorded).`,
        );
      await m.update(
        ProcessingProject,
        { id },
        { inKind: [...project.inKind, { amountKrw, description, at: new Date().toISOString() }] },
      );
      await this.records.event(m, id, 'in_kind.recorded', null, `${amountKrw} KRW: ${description}`);
    });
    return this.records.view(id);
  }
}
