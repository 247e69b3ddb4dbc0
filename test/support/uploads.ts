import { createHash } from 'node:crypto';
import type { TestUser } from './factories.js';
import type { TestClient } from './test-app.js';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const MiB = 1024 * 1024;

/** The SHA-256 (hex) of each part of `bytes` in parts of `partSizeBytes`. */
export function partHashes(bytes: Buffer, partSizeBytes = 8 * MiB): string[] {
  const count = Math.max(1, Math.ceil(bytes.length / partSizeBytes));
  return Array.from({ length: count }, (_, i) =>
    sha256(bytes.subarray(i * partSizeBytes, (i + 1) * partSizeBytes)),
  );
}

/**
 * Starts an upload, PUTs every part straight to storage as a browser would (with the headers the
 * API signed for each part), returns the ETags. `partSha256: true` declares each part's SHA-256
 * (8 MiB parts), so storage checks the parts and completing reads nothing back.
 */
export async function putParts(
  t: TestClient,
  user: TestUser,
  datasetId: string,
  version: number,
  file: {
    name: string;
    bytes: Buffer;
    sha256?: string;
    sizeBytes?: number;
    contentType?: string;
    partSha256?: true | string[];
  },
) {
  const start = await t
    .http()
    .post(`/api/datasets/${datasetId}/versions/${version}/files`)
    .set(user.auth)
    .send({
      name: file.name,
      sizeBytes: file.sizeBytes ?? file.bytes.length,
      sha256: file.sha256 ?? sha256(file.bytes),
      contentType: file.contentType ?? 'text/csv',
      partSha256: file.partSha256 === true ? partHashes(file.bytes) : file.partSha256,
    });
  if (start.status !== 201) return { start, parts: [] as { partNumber: number; etag: string }[] };
  const parts = [];
  for (const p of start.body.parts as {
    partNumber: number;
    url: string;
    headers: Record<string, string>;
  }[]) {
    const from = (p.partNumber - 1) * start.body.partSizeBytes;
    const res = await fetch(p.url, {
      method: 'PUT',
      headers: p.headers,
      body: file.bytes.subarray(from, from + start.body.partSizeBytes),
    });
    if (!res.ok) throw new Error(`part ${p.partNumber}: ${res.status} ${await res.text()}`);
    parts.push({ partNumber: p.partNumber, etag: res.headers.get('etag')! });
  }
  return { start, parts };
}

/** The whole flow: start, parts, complete. Answers the completion response. */
export async function upload(
  t: TestClient,
  user: TestUser,
  datasetId: string,
  version: number,
  file: Parameters<typeof putParts>[4],
) {
  const { start, parts } = await putParts(t, user, datasetId, version, file);
  if (start.status !== 201) return start;
  return t
    .http()
    .post(`/api/uploads/${start.body.uploadId}/complete`)
    .set(user.auth)
    .send({ parts });
}

/** Polls the quality report until it is PASSED or FAILED. */
export async function finishedReport(
  t: TestClient,
  user: TestUser,
  datasetId: string,
  version: number,
  timeoutMs = 60_000,
) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t
      .http()
      .get(`/api/datasets/${datasetId}/versions/${version}/quality-report`)
      .set(user.auth)
      .expect(200);
    if (res.body.status === 'PASSED' || res.body.status === 'FAILED') return res.body;
    if (Date.now() > until)
      throw new Error(`report still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A dataset version with the given files, sealed, and its finished quality report. */
export async function verifiedVersion(
  t: TestClient,
  user: TestUser,
  organizationId: string,
  files: { name: string; bytes: Buffer }[],
  dataset: Record<string, unknown> = {},
) {
  const ds = await t
    .http()
    .post('/api/datasets')
    .set(user.auth)
    .send({
      organizationId,
      title: '공정 데이터',
      dataType: 'SENSOR_TIME_SERIES',
      industryCode: '24311',
      ...dataset,
    });
  if (ds.status !== 201) throw new Error(`dataset: ${ds.status} ${JSON.stringify(ds.body)}`);
  const v = await t.http().post(`/api/datasets/${ds.body.id}/versions`).set(user.auth).send({});
  for (const f of files) {
    const res = await upload(t, user, ds.body.id, v.body.version, f);
    if (res.status !== 201)
      throw new Error(`upload ${f.name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  await t
    .http()
    .post(`/api/datasets/${ds.body.id}/versions/${v.body.version}/seal`)
    .set(user.auth)
    .expect(201);
  const report = await finishedReport(t, user, ds.body.id, v.body.version);
  return { datasetId: ds.body.id as string, version: v.body.version as number, report };
}
