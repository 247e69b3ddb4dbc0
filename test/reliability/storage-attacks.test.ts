import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createOrganization, signUp, type TestUser } from '../support/factories.js';
import { ChildService, freePort, processAlive } from '../support/child-service.js';
import { cloneTestDatabase } from '../support/database.js';
import { recordFigures, tally } from '../support/figures.js';
import { OPERATOR, startTestApp, type TestApp, type TestClient } from '../support/test-app.js';
import { sha256, upload } from '../support/uploads.js';

/**
 * Attacks on uploads and the embedded storage that once worked (issue 14): one request that
 * crashed the local S3 server for everyone, part URLs that took any size and outlived their
 * upload, and file names that spoof what a download is called.
 */
describe('integrity: uploads and storage', () => {
  let t: TestApp;
  let c: TestClient;
  let owner: TestUser;
  let tallied: ReturnType<typeof tally>;
  let faults = 0;
  beforeAll(async () => {
    t = await startTestApp();
    tallied = tally(t);
    c = tallied.client;
    owner = await signUp(c);
  });
  afterAll(async () => {
    recordFigures('integrity (uploads, storage)', { ...tallied.figures, faults });
    await t.close();
  });

  async function draft() {
    const org = await createOrganization(c, owner);
    const ds = await c
      .http()
      .post('/api/datasets')
      .set(owner.auth)
      .send({ organizationId: org.id, title: '업로드 공격', dataType: 'SENSOR_TIME_SERIES' })
      .expect(201);
    await c
      .http()
      .post(`/api/datasets/${ds.body.id}/versions`)
      .set(owner.auth)
      .send({})
      .expect(201);
    return ds.body.id as string;
  }

  const start = (datasetId: string, bytes: Buffer, name = 'a.csv') =>
    c
      .http()
      .post(`/api/datasets/${datasetId}/versions/1/files`)
      .set(owner.auth)
      .send({ name, sizeBytes: bytes.length, sha256: sha256(bytes), contentType: 'text/csv' });

  /** What the local S3 server keeps of unfinished multipart uploads in this app's bucket. */
  const leftoverParts = async () =>
    readdir(
      path.join(process.env.TEST_TMP_DIR!, 's3', t.config.storage.bucket, '._S3rver_uploads'),
    ).catch(() => [] as string[]);

  it('completing with a part never uploaded answers UPLOAD_INCOMPLETE naming it, and storage keeps serving everyone', async () => {
    const id = await draft();
    const bytes = Buffer.from('t,v\n1,2\n');
    const started = await start(id, bytes).expect(201);
    const res = await tallied
      .attack()
      .http()
      .post(`/api/uploads/${started.body.uploadId}/complete`)
      .set(owner.auth)
      .send({ parts: [{ partNumber: 1, etag: '"d41d8cd98f00b204e9800998ecf8427e"' }] })
      .expect(409);
    expect(res.body).toMatchObject({
      code: 'UPLOAD_INCOMPLETE',
      details: { missingParts: [1] },
    });
    expect(res.body.message).toContain('part(s) 1 were never uploaded');
    await c.http().get('/health').expect(200);
    // The same upload can still be finished, and another one works.
    const put = await fetch(started.body.parts[0].url, { method: 'PUT', body: bytes });
    expect(put.status).toBe(200);
    await c
      .http()
      .post(`/api/uploads/${started.body.uploadId}/complete`)
      .set(owner.auth)
      .send({ parts: [{ partNumber: 1, etag: put.headers.get('etag') }] })
      .expect(201);
    expect((await upload(c, owner, id, 1, { name: 'b.csv', bytes })).status).toBe(201);
  });

  it('a part URL takes exactly its part: a larger body is refused, and after completion or abort no URL leaves bytes behind', async () => {
    const id = await draft();
    const bytes = Buffer.from('0123456789');
    const started = await start(id, bytes).expect(201);
    const url = started.body.parts[0].url as string;
    const big = await fetch(url, { method: 'PUT', body: Buffer.alloc(20 * 1024 * 1024, 1) });
    tallied.figures.attacks++;
    expect(big.status).toBe(400);
    expect(await big.text()).toContain('must be exactly 10 bytes');
    const put = await fetch(url, { method: 'PUT', body: bytes });
    await c
      .http()
      .post(`/api/uploads/${started.body.uploadId}/complete`)
      .set(owner.auth)
      .send({ parts: [{ partNumber: 1, etag: put.headers.get('etag') }] })
      .expect(201);
    const late = await fetch(url, { method: 'PUT', body: bytes });
    tallied.figures.attacks++;
    expect(late.status).toBe(404);
    expect(await late.text()).toContain('NoSuchUpload');

    const aborted = await start(id, bytes, 'c.csv').expect(201);
    await c.http().delete(`/api/uploads/${aborted.body.uploadId}`).set(owner.auth).expect(204);
    const afterAbort = await fetch(aborted.body.parts[0].url, { method: 'PUT', body: bytes });
    tallied.figures.attacks++;
    expect(afterAbort.status).toBe(404);
    expect(await leftoverParts()).toEqual([]);
  });

  it('file names with bidi controls, zero-width characters, U+0085 or other control characters are refused, naming the field', async () => {
    const id = await draft();
    const bytes = Buffer.from('t,v\n1,2\n');
    for (const name of ['invoice\u202Efdp.csv', 'da\u200Bta.csv', 'a\u0085b.csv', 'a\u2029b.csv']) {
      const res = await tallied
        .attack()
        .http()
        .post(`/api/datasets/${id}/versions/1/files`)
        .set(owner.auth)
        .send({ name, sizeBytes: bytes.length, sha256: sha256(bytes), contentType: 'text/csv' })
        .expect(400);
      expect(res.body.details).toEqual([
        { field: 'name', problems: [expect.stringContaining('invisible or control characters')] },
      ]);
    }
    expect(await leftoverParts()).toEqual([]);
  });

  it('the embedded S3 server is supervised: killed, it is started again and /health recovers by itself', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mdx-s3-supervised-'));
    const db = await cloneTestDatabase();
    const port = await freePort();
    const svc = new ChildService({
      NODE_ENV: 'test',
      PORT: String(port),
      DATA_DIR: dir,
      WORK_DIR: path.join(dir, 'work'),
      DATABASE_URL: db.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      OPERATOR_EMAIL: OPERATOR.email,
      OPERATOR_PASSWORD: OPERATOR.password,
      STRIPE_EMULATOR_PORT: '0',
      LOG_LEVEL: 'warn',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    try {
      await svc.start();
      const health = () => request(svc.url).get('/health');
      expect((await health()).status).toBe(200);
      const s3 = execFileSync('pgrep', ['-f', `local-s3.process.* ${path.join(dir, 's3')}`])
        .toString()
        .trim()
        .split('\n')
        .map(Number);
      expect(s3.length).toBe(1);
      process.kill(s3[0], 'SIGKILL');
      faults++;
      let recovered = false;
      for (let i = 0; i < 100 && !recovered; i++) {
        await new Promise((r) => setTimeout(r, 100));
        recovered = (await health()).status === 200 && !processAlive(s3[0]);
      }
      expect(recovered).toBe(true);
      expect(svc.log()).toContain('the local S3 server stopped');
    } finally {
      await svc.stop();
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
