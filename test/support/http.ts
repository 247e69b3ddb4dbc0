import type { Response } from 'superagent';

/** A supertest parser that keeps the body as bytes (CSV with its byte-order mark, files). */
export function asBuffer(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
