import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { requestContext } from '../../platform/context/request-context.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { AuditService } from '../audit/index.js';
import { type ApplicationStatus, canMove, nextStatuses } from './application-status.js';
import { ApplicationTransition } from './application-transition.entity.js';
import { Application } from './application.entity.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';

/** Loads applications and moves them along the lifecycle, keeping the history and the audit trail. */
@Injectable()
export class ApplicationLifecycle {
  constructor(
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async load(m: EntityManager, id: string, lock = false): Promise<Application> {
    const application = await m.findOne(Application, {
      where: { id },
      ...(lock && { lock: { mode: 'pessimistic_write' } }),
    });
    if (!application) throw notFound('Application', id, '신청을 찾을 수 없습니다.');
    return application;
  }

  /** Refuses a step the lifecycle does not have, naming the current state. */
  assertCanMove(application: Application, to: ApplicationStatus, action: string): void {
    if (!canMove(application.status, to)) {
      const next = nextStatuses(application.status);
      throw new DomainError(
        'INVALID_TRANSITION',
        `Cannot ${action}: application ${application.id} is ${application.status}` +
          (next.length ? ` (from there it can go to ${next.join(', ')}).` : ', which is final.'),
        { details: { status: application.status, allowed: next } },
      );
    }
  }

  async move(
    m: EntityManager,
    application: Application,
    to: ApplicationStatus,
    reason: string | null,
    action = `move it to ${to}`,
  ) {
    this.assertCanMove(application, to, action);
    const from = application.status;
    application.status = to;
    await m.update(Application, { id: application.id }, { status: to });
    await m.insert(ApplicationTransition, {
      applicationId: application.id,
      fromStatus: from,
      toStatus: to,
      reason,
      actorId: requestContext.current()?.userId ?? null,
    });
    await this.audit.record(m, {
      action: 'application.status_changed',
      entityType: 'application',
      entityId: application.id,
      organizationId: application.organizationId,
      details: { from, to, reason },
    });
    await this.events.publish(m, {
      type: EVENT_TYPES.APPLICATION_STATUS_CHANGED,
      subjectType: 'application',
      subjectId: application.id,
      organizationId: application.organizationId,
      payload: { programId: application.programId, from, to, reason },
    });
  }

  history(m: EntityManager, applicationId: string) {
    return m.find(ApplicationTransition, { where: { applicationId }, order: { id: 'ASC' } });
  }
}
