import { escapeHtml as escape } from '../../platform/mail/html.js';
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
  const text = [
    `${n.name}님,`,
    '',
    n.titleKo,
    ...(n.bodyKo ? [n.bodyKo] : []),
    '',
    `바로 가기: ${open}`,
    `알림 설정: ${settings}`,
    '',
    '— 제조 데이터 거래소',
    '',
    '----- English -----',
    '',
    n.titleEn,
    ...(n.bodyEn ? [n.bodyEn] : []),
    '',
    `Open: ${open}`,
    `Notification settings: ${settings}`,
    '',
    '— Manufacturing Data Exchange',
  ].join('\n');
  const block = (lang: string, title: string, body: string | null, go: string, prefs: string) =>
    `<div lang="${lang}"><h2 style="font-size:18px;margin:0 0 8px">${escape(title)}</h2>` +
    (body ? `<p style="margin:0 0 12px">${escape(body)}</p>` : '') +
    `<p style="margin:0 0 4px"><a href="${escape(open)}">${go}</a></p>` +
    `<p style="margin:0;font-size:13px;color:#555"><a href="${escape(settings)}">${prefs}</a></p></div>`;
  const html =
    `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>${escape(n.titleKo)}</title></head>` +
    `<body style="font-family:'Noto Sans KR',system-ui,sans-serif;line-height:1.5;color:#1a1b1e;max-width:560px">` +
    `<p>${escape(n.name)}님,</p>` +
    block('ko', n.titleKo, n.bodyKo, '거래소에서 보기', '알림 설정') +
    `<hr style="margin:24px 0;border:0;border-top:1px solid #ddd">` +
    block('en', n.titleEn, n.bodyEn, 'Open in the exchange', 'Notification settings') +
    `<p style="margin-top:24px;font-size:13px;color:#555">제조 데이터 거래소 · Manufacturing Data Exchange</p></body></html>`;
  return {
    to: n.email,
    subject: `[제조 데이터 거래소] ${n.titleKo}`,
    text,
    html,
    messageId: `<${n.id}@notifications.exchange>`,
  };
}
