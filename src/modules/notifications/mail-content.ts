import { bilingualMail } from '../../platform/mail/layout.js';
import type { Mail } from '../../platform/mail/mailer.js';

/** A notification as it is mailed: who to, and what it says in both languages. */
export interface MailedNote {
  id: string;
  email: string;
  name: string;
  titleKo: string;
  titleEn: string;
  bodyKo: string | null;
  bodyEn: string | null;
  link: string | null;
}

/**
 * The e-mail of a notification: Korean first, then the English version, as text and as HTML. It
 * carries what the inbox says and a link into the web app, never a download URL or a secret.
 */
export function composeMail(n: MailedNote, publicUrl: string): Mail {
  const open = n.link ? `${publicUrl}${n.link}` : publicUrl;
  const settings = `${publicUrl}/settings?tab=notifications`;
  return bilingualMail({
    to: n.email,
    name: n.name,
    ko: {
      title: n.titleKo,
      body: n.bodyKo,
      links: [
        { label: '거래소에서 보기', url: open },
        { label: '알림 설정', url: settings },
      ],
    },
    en: {
      title: n.titleEn,
      body: n.bodyEn,
      links: [
        { label: 'Open in the exchange', url: open },
        { label: 'Notification settings', url: settings },
      ],
    },
    messageId: `<${n.id}@notifications.exchange>`,
  });
}
