import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { escapeHtml as escape } from './html.js';

/** A caught mail as the catcher's HTTP API lists it. */
export interface CaughtMail {
  id: number;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  date: string;
  text: string;
  html: string | null;
}

export interface MailCatcher {
  smtpUrl: string;
  webUrl: string;
  close(): Promise<void>;
}

/**
 * The local mail catcher `npm start` runs when no SMTP_URL is set: a real SMTP server
 * (smtp-server) that keeps every mail it is given as an .eml file under `dir`, and a small web
 * page and JSON API to read them. Nothing is ever sent on. Tests read the mails the service sent
 * through the same API: `GET /messages?to=address`.
 */
export async function startMailCatcher(
  dir: string,
  smtpPort = 0,
  httpPort = 0,
): Promise<MailCatcher> {
  mkdirSync(dir, { recursive: true });
  const mails: CaughtMail[] = [];
  const files = readdirSync(dir)
    .filter((f) => /^\d+\.eml$/.test(f))
    .sort((a, b) => parseInt(a) - parseInt(b));
  for (const f of files) mails.push(await parse(parseInt(f), readFileSync(path.join(dir, f))));
  let next = (mails.at(-1)?.id ?? 0) + 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    banner: 'manufacturing data exchange mail catcher',
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const id = next++;
        writeFileSync(path.join(dir, `${id}.eml`), raw);
        parse(id, raw).then(
          (mail) => {
            mails.push(mail);
            done();
          },
          (err: Error) => done(err),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(smtpPort, '127.0.0.1', () => resolve());
  });

  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://catcher');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/messages' && req.method === 'GET') {
      const to = url.searchParams.get('to')?.toLowerCase();
      return json(
        200,
        mails.filter((m) => !to || m.to.some((t) => t.toLowerCase() === to)).toReversed(),
      );
    }
    const one = /^\/messages\/(\d+)(\.html)?$/.exec(url.pathname);
    if (one && req.method === 'GET') {
      const mail = mails.find((m) => m.id === Number(one[1]));
      if (!mail) return json(404, { message: 'No such mail' });
      if (!one[2]) return json(200, mail);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(mail.html ?? `<pre>${escape(mail.text)}</pre>`);
    }
    if (url.pathname === '/' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const rows = mails
        .toReversed()
        .map(
          (m) =>
            `<tr><td>${escape(new Date(m.date).toLocaleString('ko-KR', { timeZone: 'Asia/Seoul' }))}</td><td>${escape(m.to.join(', '))}</td><td><a href="/messages/${m.id}.html">${escape(m.subject)}</a></td></tr>`,
        )
        .join('');
      return res.end(
        `<!doctype html><html lang="ko"><meta charset="utf-8"><title>받은 메일 (mail catcher)</title>` +
          `<style>body{font-family:system-ui,sans-serif;margin:2rem}td,th{padding:.3rem .8rem;text-align:left;border-bottom:1px solid #ddd}</style>` +
          `<h1>받은 메일 · Caught mail</h1><p>${mails.length}통. 이 서버는 메일을 밖으로 보내지 않습니다 · Nothing here is sent on.</p>` +
          `<table><thead><tr><th>시각 · When</th><th>받는 사람 · To</th><th>제목 · Subject</th></tr></thead><tbody>${rows}</tbody></table></html>`,
      );
    }
    json(404, { message: 'Not found' });
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      web.once('error', reject);
      web.listen(port, '127.0.0.1', () => resolve());
    });
  // The usual port may be taken (a second instance side by side): any free one will do, and the
  // banner names it.
  await listen(httpPort).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE' || httpPort === 0) throw err;
    return listen(0);
  });
  const smtpAddress = smtp.server.address() as AddressInfo;
  const webAddress = web.address() as AddressInfo;
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpAddress.port}`,
    webUrl: `http://127.0.0.1:${webAddress.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        web.close();
        smtp.close(() => resolve());
      }),
  };
}

async function parse(id: number, raw: Buffer): Promise<CaughtMail> {
  // Loaded with the first mail: a catcher nobody writes to starts light.
  const { simpleParser } = await import('mailparser');
  const m = await simpleParser(raw);
  const addresses = (a: typeof m.to) =>
    (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? ''));
  return {
    id,
    messageId: m.messageId ?? null,
    from: m.from?.text ?? '',
    to: addresses(m.to),
    subject: m.subject ?? '',
    date: (m.date ?? new Date()).toISOString(),
    text: m.text ?? '',
    html: typeof m.html === 'string' ? m.html : null,
  };
}
