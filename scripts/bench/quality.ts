/**
 * npm run bench:quality
 * CSV files built from the KAMP melting-tank rows (1,000,000 rows, 43 MB, then about 45 million
 * rows, 2 GB: BENCH_ROWS lists the sizes): the service's whole quality job (read from storage and
 * hashed, DuckDB profile, score, preview) against DuckDB's SUMMARIZE of the same file, in one run,
 * and the progress the report showed while it ran. A JSON line per size; the last line is the
 * largest file's.
 */
import { createHash } from 'node:crypto';
import { open, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Caller, ok, peakRssMb, pool, root, startService } from './harness.js';

const SIZES = (process.env.BENCH_ROWS ?? '1000000,45000000').split(',').map(Number);
const source = (
  await readFile(path.resolve(root, 'samples/datasets/kamp-melting-tank/melting_tank.csv'), 'utf8')
)
  .trim()
  .split(/\r?\n/);
const [header, ...lines] = source;

async function measure(ROWS: number) {
  // Repeat the 10,000 real rows with their dates moved one week further each round.
  const file = path.join(os.tmpdir(), `mdx-bench-quality-${process.pid}.csv`);
  const fh = await open(file, 'w');
  const hash = createHash('sha256');
  const write = async (text: string) => {
    hash.update(text);
    await fh.write(text);
  };
  await write(`${header}\n`);
  for (let round = 0, written = 0; written < ROWS; round++) {
    let batch = '';
    for (const line of lines) {
      if (written >= ROWS) break;
      const [dt, num, ...rest] = line.split(',');
      const [date, time] = dt.split(' ');
      const d = new Date(`${date.replace(/\//g, '-')}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 7 * round);
      const moved = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')} ${time}`;
      batch += `${moved},${Number(num) + round * lines.length},${rest.join(',')}\n`;
      written++;
    }
    await write(batch);
  }
  await fh.close();
  const size = (await stat(file)).size;
  const sha256 = hash.digest('hex');

  // DuckDB alone: SUMMARIZE reading the same CSV.
  const t0 = performance.now();
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const db = await instance.connect();
  await db.runAndReadAll(`SUMMARIZE SELECT * FROM read_csv('${file}')`);
  const rawSeconds = (performance.now() - t0) / 1000;
  db.closeSync();
  instance.closeSync();

  const svc = await startService(
    process.env.BENCH_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_LOG_LEVEL } : {},
  );
  try {
    const client = new Caller(svc.url);
    const { datasetId, version } = await client.datasetDraft('quality benchmark');
    const versionPath = { params: { path: { id: datasetId, version } } };
    const start = await ok(
      client.api.POST('/api/datasets/{id}/versions/{version}/files', {
        ...versionPath,
        body: {
          name: `melting_tank_${ROWS}.csv`,
          sizeBytes: size,
          sha256,
          contentType: 'text/csv',
        },
      }),
    );
    const etags: { partNumber: number; etag: string }[] = [];
    const reader = await open(file, 'r');
    await pool(start.parts, 4, async (p) => {
      const offset = (p.partNumber - 1) * start.partSizeBytes;
      const body = Buffer.alloc(Math.min(start.partSizeBytes, size - offset));
      await reader.read(body, 0, body.length, offset);
      const res = await fetch(p.url, { method: 'PUT', body });
      etags.push({ partNumber: p.partNumber, etag: res.headers.get('etag')! });
    });
    await reader.close();
    await ok(
      client.api.POST('/api/uploads/{uploadId}/complete', {
        params: { path: { uploadId: start.uploadId } },
        body: { parts: etags },
      }),
    );

    const sealedAt = performance.now();
    await ok(client.api.POST('/api/datasets/{id}/versions/{version}/seal', versionPath));
    let report;
    // What the report said while the job ran: the progress a seller watches.
    const seen: string[] = [];
    for (;;) {
      report = await ok(
        client.api.GET('/api/datasets/{id}/versions/{version}/quality-report', versionPath),
      );
      if (report.status === 'PASSED' || report.status === 'FAILED') break;
      const { step, percent } = report.progress;
      if (step && seen.at(-1) !== `${step} ${percent}%`) seen.push(`${step} ${percent}%`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const untilReport = (performance.now() - sealedAt) / 1000;
    const jobSeconds = (Date.parse(report.finishedAt!) - Date.parse(report.startedAt!)) / 1000;
    const peak = await peakRssMb(svc.pid);
    console.log(`file: ${ROWS.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(1)} MB`);
    console.log(`DuckDB SUMMARIZE of the CSV: ${rawSeconds.toFixed(2)} s`);
    console.log(
      `service quality job: ${jobSeconds.toFixed(2)} s (download, encoding check, profile, score, preview); ${untilReport.toFixed(2)} s from seal to report, queue pick-up included`,
    );
    console.log(
      `report: ${report.status}, score ${report.score}, rows ${report.files[0].rows}, time series ${report.files[0].timeSeries ? 'recognised' : 'not found'}`,
    );
    console.log(`service peak RSS: ${peak} MB`);
    console.log(`progress as the seller saw it (${seen.length} updates): ${seen.join(', ')}`);
    console.log(
      JSON.stringify({
        bytes: size,
        rows: report.files[0].rows,
        ratio: Math.round((rawSeconds / jobSeconds) * 100) / 100,
        rawSeconds: Math.round(rawSeconds * 100) / 100,
        serviceSeconds: Math.round(jobSeconds * 100) / 100,
        peakRssMb: peak,
        progressUpdates: seen.length,
      }),
    );
  } finally {
    await svc.stop();
    await rm(file, { force: true });
  }
}

for (const rows of SIZES) await measure(rows);
