/**
 * npm run bench:upload
 * A 200 MB file through the service's presigned multipart flow (start with the file's and each
 * part's SHA-256, parallel part PUTs that storage checks against theirs, complete with the size
 * and parts check) against the same bytes uploaded with
 * @aws-sdk/lib-storage straight to the same store, alternating, BENCH_RUNS times (3); medians.
 * The parts are PUT with Node's HTTP client, as lib-storage's requests are (fetch() cost the
 * flow about 0.3 s of 2 on this machine), so the two differ only in the flow.
 * Last line: one JSON object.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { partPlan } from '../../src/modules/datasets/upload-plan.js';
import { Caller, ok, peakRssMb, pool, startService } from './harness.js';

const SIZE = Number(process.env.BENCH_UPLOAD_MB ?? 200) * 1000 * 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONCURRENCY = 4;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const file = path.join(os.tmpdir(), `mdx-bench-upload-${process.pid}.bin`);
const chunk = randomBytes(1 << 20);
const hash = createHash('sha256');
// The client hashes the file and each part before it starts, as the web app does.
const { partSizeBytes } = partPlan(SIZE);
const partSha256: string[] = [];
let partHash = createHash('sha256');
const fh = await open(file, 'w');
for (let written = 0; written < SIZE;) {
  const partLeft = partSizeBytes - (written % partSizeBytes);
  const piece = chunk.subarray(0, Math.min(chunk.length, SIZE - written, partLeft));
  await fh.write(piece);
  hash.update(piece);
  partHash.update(piece);
  written += piece.length;
  if (written % partSizeBytes === 0 || written === SIZE) {
    partSha256.push(partHash.digest('hex'));
    partHash = createHash('sha256');
  }
}
await fh.close();
const sha256 = hash.digest('hex');
const checksums = process.env.BENCH_PART_CHECKSUMS !== '0';

const svc = await startService(
  process.env.BENCH_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_LOG_LEVEL } : {},
);
try {
  const client = new Caller(svc.url);
  const { datasetId, version } = await client.datasetDraft('upload benchmark');
  const rssBefore = await peakRssMb(svc.pid);

  /** A part's PUT on Node's HTTP client, which lib-storage's requests use too; answers the ETag. */
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const put = (url: string, headers: Record<string, string>, body: Buffer) =>
    new Promise<string>((resolve, reject) => {
      const req = http.request(
        url,
        { method: 'PUT', agent, headers: { ...headers, 'content-length': body.length } },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(String(res.headers.etag))
              : reject(new Error(`part: ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  /**
   * Through the service: start, PUT the parts straight to storage (which checks each part's
   * SHA-256), complete. With BENCH_PART_CHECKSUMS=0, no part checksums: the service reads the
   * stored object back to hash it, as it did before.
   */
  async function viaService(run: number) {
    const t0 = performance.now();
    const start = await ok(
      client.api.POST('/api/datasets/{id}/versions/{version}/files', {
        params: { path: { id: datasetId, version } },
        body: {
          name: `bench-${run}.bin`,
          sizeBytes: SIZE,
          sha256,
          contentType: 'application/octet-stream',
          ...(checksums && { partSha256 }),
        },
      }),
    );
    const tStarted = performance.now();
    const etags: { partNumber: number; etag: string }[] = [];
    const reader = await open(file, 'r');
    await pool(start.parts, CONCURRENCY, async (p) => {
      const offset = (p.partNumber - 1) * start.partSizeBytes;
      const body = Buffer.alloc(Math.min(start.partSizeBytes, SIZE - offset));
      await reader.read(body, 0, body.length, offset);
      const etag = await put(p.url, p.headers, body);
      etags.push({ partNumber: p.partNumber, etag });
    });
    await reader.close();
    const t1 = performance.now();
    await ok(
      client.api.POST('/api/uploads/{uploadId}/complete', {
        params: { path: { uploadId: start.uploadId } },
        body: { parts: etags },
      }),
    );
    return {
      seconds: (performance.now() - t0) / 1000,
      partsSeconds: (t1 - t0) / 1000,
      startSeconds: (tStarted - t0) / 1000,
      completeSeconds: (performance.now() - t1) / 1000,
      endpoint: new URL(start.parts[0].url).origin,
      partSize: start.partSizeBytes,
      parts: start.parts.length,
    };
  }

  /** Straight to the same store with lib-storage, same part size and concurrency. */
  async function raw(endpoint: string, partSize: number, run: number) {
    const s3 = new S3Client({
      endpoint,
      region: 'ap-northeast-2',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const t0 = performance.now();
    const upload = new Upload({
      client: s3,
      params: { Bucket: 'exchange', Key: `bench/raw-${run}`, Body: createReadStream(file) },
      partSize,
      queueSize: CONCURRENCY,
    });
    // Its last part's progress event: the parts are stored, completing is what is left.
    let partsDone = t0;
    upload.on('httpUploadProgress', () => (partsDone = performance.now()));
    await upload.done();
    return {
      seconds: (performance.now() - t0) / 1000,
      partsSeconds: (partsDone - t0) / 1000,
    };
  }

  const service: number[] = [];
  const parts: number[] = [];
  const direct: number[] = [];
  let shape = '';
  for (let run = 1; run <= RUNS; run++) {
    const s = await viaService(run);
    const r = await raw(s.endpoint, s.partSize, run);
    service.push(s.seconds);
    parts.push(s.partsSeconds);
    direct.push(r.seconds);
    shape = `${s.parts} parts of ${s.partSize / 1024 / 1024} MiB, ${CONCURRENCY} at a time`;
    console.log(
      `run ${run}: service ${s.seconds.toFixed(2)} s (start ${s.startSeconds.toFixed(2)} s, then parts until ${s.partsSeconds.toFixed(2)} s, complete ${s.completeSeconds.toFixed(2)} s), lib-storage ${r.seconds.toFixed(2)} s (parts until ${r.partsSeconds.toFixed(2)} s, complete ${(r.seconds - r.partsSeconds).toFixed(2)} s)`,
    );
  }
  const mb = SIZE / 1e6;
  const peak = await peakRssMb(svc.pid);
  console.log(`file: ${mb} MB in ${shape}`);
  console.log(
    `service flow (median): ${median(service).toFixed(2)} s = ${(mb / median(service)).toFixed(1)} MB/s, of which parts ${median(parts).toFixed(2)} s; the rest is storage completing${checksums ? '' : ' and the service hashing the stored object'}`,
  );
  console.log(
    `lib-storage straight to storage (median): ${median(direct).toFixed(2)} s = ${(mb / median(direct)).toFixed(1)} MB/s`,
  );
  console.log(
    `service peak RSS: ${rssBefore} MB before uploading, ${peak} MB after ${RUNS} x ${mb} MB`,
  );
  console.log(
    JSON.stringify({
      sizeMb: mb,
      runs: RUNS,
      partChecksums: checksums,
      serviceMBps: Math.round((mb / median(service)) * 10) / 10,
      rawMBps: Math.round((mb / median(direct)) * 10) / 10,
      ratio: Math.round((median(direct) / median(service)) * 100) / 100,
      peakRssMb: peak,
      rssBeforeMb: rssBefore,
    }),
  );
} finally {
  await svc.stop();
  await rm(file, { force: true });
}
