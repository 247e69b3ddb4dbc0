import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import type { NotificationQueryDto, PreferencesDto } from './dto/notifications.views.js';
import {
  DEFAULT_CHANNEL,
  isMandatory,
  NOTIFICATION_KINDS,
  type NotificationChannel,
} from './kinds.js';
import { NotificationPreference } from './notification-preference.entity.js';
import { Notification } from './notification.entity.js';

/** A person's inbox and their choices of how to hear of each kind. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every kind with the person's channel; mandatory kinds always reach inbox and mailbox. */
  async preferences(userId: string) {
    const rows = await this.dataSource.getRepository(NotificationPreference).findBy({ userId });
    const chosen = new Map(rows.map((r) => [r.kind, r.channel]));
    return {
      items: Object.entries(NOTIFICATION_KINDS).map(([kind, k]) => {
        const mandatory = isMandatory(kind);
        return {
          kind,
          labelKo: k.ko,
          labelEn: k.en,
          mandatory,
          channel: mandatory ? DEFAULT_CHANNEL : (chosen.get(kind) ?? DEFAULT_CHANNEL),
        };
      }),
    };
  }

  /**
   * Sets the channels given and leaves the others. An unknown kind, or a mandatory kind set to
   * anything but in-app and e-mail, refuses the whole change.
   */
  async setPreferences(userId: string, dto: PreferencesDto) {
    for (const { kind, channel } of dto.items) {
      if (!(kind in NOTIFICATION_KINDS))
        throw new DomainError('VALIDATION_FAILED', `There is no notification kind "${kind}".`, {
          messageKo: `"${kind}" 알림 종류는 없습니다.`,
        });
      if (isMandatory(kind) && channel !== DEFAULT_CHANNEL)
        throw new DomainError(
          'NOTIFICATION_MANDATORY',
          `"${kind}" cannot be switched off or kept out of e-mail: it is about money or a decision about you.`,
          {
            messageKo: `"${kind}" 알림은 끌 수 없습니다. 돈이나 결정에 관한 알림은 앱과 메일로 항상 보냅니다.`,
          },
        );
    }
    const wanted = new Map<string, NotificationChannel>(dto.items.map((i) => [i.kind, i.channel]));
    if (wanted.size)
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(NotificationPreference)
        .values([...wanted].map(([kind, channel]) => ({ userId, kind, channel })))
        .orUpdate(['channel', 'updated_at'], ['user_id', 'kind'])
        .execute();
    return this.preferences(userId);
  }

  /** A person's notifications, newest first, with how many are unread in all. */
  async inbox(userId: string, query: NotificationQueryDto) {
    const repo = this.dataSource.getRepository(Notification);
    const where = { userId, ...(query.unread && { readAt: IsNull() }) };
    const [items, total] = await repo.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const unread = await repo.count({ where: { userId, readAt: IsNull() } });
    return { items: items.map(view), total, unread, page: query.page, pageSize: query.pageSize };
  }

  async markRead(userId: string, id: string) {
    const repo = this.dataSource.getRepository(Notification);
    const note = await repo.findOneBy({ id, userId });
    if (!note) throw notFound('Notification', id, '알림을 찾을 수 없습니다.');
    if (!note.readAt) {
      note.readAt = new Date();
      await repo.update({ id, userId, readAt: IsNull() }, { readAt: note.readAt });
    }
    return view(note);
  }

  async markAllRead(userId: string) {
    const result = await this.dataSource
      .getRepository(Notification)
      .update({ userId, readAt: IsNull() }, { readAt: new Date() });
    return { marked: result.affected ?? 0 };
  }
}

function view(n: Notification) {
  const { userId: _u, eventId: _e, ...rest } = n;
  return rest;
}
