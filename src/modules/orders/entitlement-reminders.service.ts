import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';

export const ENTITLEMENT_REMIND_JOB = 'entitlements.remind';
/** A buyer hears this many days before its licence to a product ends. */
export const ENTITLEMENT_REMIND_DAYS = 30;

/** Announces licences that end soon, once each, whichever instance runs the job. */
@Injectable()
export class EntitlementReminders implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.work(ENTITLEMENT_REMIND_JOB, () => this.remind().then(() => undefined), 1, {
      pollSeconds: 5,
    });
    this.jobs.schedule(ENTITLEMENT_REMIND_JOB, '20 * * * *', { atStart: {} });
  }

  async remind(now = new Date()): Promise<number> {
    const due: {
      id: string;
      organizationId: string;
      productId: string;
      orderId: string;
      validUntil: Date;
    }[] = await this.dataSource.query(
      `SELECT id, organization_id AS "organizationId", product_id AS "productId",
              order_id AS "orderId", valid_until AS "validUntil"
         FROM entitlements
        WHERE revoked_at IS NULL AND valid_until > $1
          AND valid_until <= $1::timestamptz + make_interval(days => $2)`,
      [now, ENTITLEMENT_REMIND_DAYS],
    );
    let sent = 0;
    for (const e of due) {
      const id = await this.dataSource.transaction((m) =>
        this.events.publish(m, {
          type: EVENT_TYPES.ENTITLEMENT_EXPIRING,
          subjectType: 'entitlement',
          subjectId: e.id,
          organizationId: e.organizationId,
          payload: {
            productId: e.productId,
            orderId: e.orderId,
            validUntil: e.validUntil,
            daysBefore: ENTITLEMENT_REMIND_DAYS,
          },
          onceKey: `entitlement.expiring:${e.id}:${ENTITLEMENT_REMIND_DAYS}`,
        }),
      );
      if (id) sent++;
    }
    return sent;
  }
}
