import { escapeHtml as escape } from './html.js';
import type { Mail } from './mailer.js';

/** One language's part of a mail: a title, a paragraph, and its links (the first one the main). */
export interface MailPart {
  title: string;
  body: string | null;
  links: { label: string; url: string }[];
}

/**
 * A mail of the exchange: a greeting, the Korean part, then the English one, as text and as HTML,
 * with the Korean title as its subject.
 */
export function bilingualMail(mail: {
  to: string;
  name: string;
  ko: MailPart;
  en: MailPart;
  messageId: string;
}): Mail {
  const lines = (part: MailPart) => [
    part.title,
    ...(part.body ? [part.body] : []),
    '',
    ...part.links.map((l) => `${l.label}: ${l.url}`),
  ];
  const text = [
    `${mail.name}님,`,
    '',
    ...lines(mail.ko),
    '',
    '— 제조 데이터 거래소',
    '',
    '----- English -----',
    '',
    ...lines(mail.en),
    '',
    '— Manufacturing Data Exchange',
  ].join('\n');
  const block = (lang: string, part: MailPart) =>
    `<div lang="${lang}"><h2 style="font-size:18px;margin:0 0 8px">${escape(part.title)}</h2>` +
    (part.body ? `<p style="margin:0 0 12px">${escape(part.body)}</p>` : '') +
    part.links
      .map(
        (l, i) =>
          `<p style="${i === 0 ? 'margin:0 0 4px' : 'margin:0;font-size:13px;color:#555'}"><a href="${escape(l.url)}">${escape(l.label)}</a></p>`,
      )
      .join('') +
    `</div>`;
  const html =
    `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>${escape(mail.ko.title)}</title></head>` +
    `<body style="font-family:'Noto Sans KR',system-ui,sans-serif;line-height:1.5;color:#1a1b1e;max-width:560px">` +
    `<p>${escape(mail.name)}님,</p>` +
    block('ko', mail.ko) +
    `<hr style="margin:24px 0;border:0;border-top:1px solid #ddd">` +
    block('en', mail.en) +
    `<p style="margin-top:24px;font-size:13px;color:#555">제조 데이터 거래소 · Manufacturing Data Exchange</p></body></html>`;
  return {
    to: mail.to,
    subject: `[제조 데이터 거래소] ${mail.ko.title}`,
    text,
    html,
    messageId: mail.messageId,
  };
}
