import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  answered: number;
}

/**
 * A real HTTP receiver for webhooks on 127.0.0.1: it answers 500 to its first `failFirst` requests,
 * then 200, and keeps every request with the raw body.
 */
export async function webhookReceiver(failFirst = 0) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const answered = received.length < failFirst ? 500 : 200;
      received.push({ headers: req.headers, body, answered });
      res.writeHead(answered, { 'content-type': 'text/plain' });
      res.end(answered === 200 ? 'ok' : 'down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** The events it took (answered 200), as parsed bodies. */
    taken: () =>
      received
        .filter((r) => r.answered === 200)
        .map(
          (r) => JSON.parse(r.body) as { id: string; type: string; data: Record<string, unknown> },
        ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
