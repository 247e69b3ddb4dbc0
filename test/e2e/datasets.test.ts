import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { datasetsDir } from '../support/datasets.js';
import { UploadsService } from '../../src/modules/datasets/uploads.service.js';
import { StoragePort } from '../../src/platform/storage/storage.port.js';
import { counts, createOrganization, signUp, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { finishedReport, partHashes, putParts, sha256, upload } from '../support/uploads.js';

const DATASETS = datasetsDir();

describe('datasets, uploads and quality verification', () => {
  let t: TestApp;
  let owner: TestUser;
  let orgId: string;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUp(t, '데이터담당');
    orgId = (await createOrganization(t, owner, { name: '한국용해', industryCode: '24311' })).id;
  });
  afterAll(() => t.close());

  async function draft(
    fields: Record<string, unknown> = {},
    versionBody: Record<string, unknown> = {},
  ) {
    const ds = await t
      .http()
      .post('/api/datasets')
      .set(owner.auth)
      .send({
        organizationId: orgId,
        title: '용해탱크 공정 데이터',
        dataType: 'SENSOR_TIME_SERIES',
        industryCode: '24311',
        process: '용해',
        tags: ['KAMP'],
        ...fields,
      })
      .expect(201);
    const v = await t
      .http()
      .post(`/api/datasets/${ds.body.id}/versions`)
      .set(owner.auth)
      .send(versionBody)
      .expect(201);
    return { id: ds.body.id as string, version: v.body.version as number };
  }

  it('KAMP melting tank: uploads through presigned parts, seals, and reports 10,000 rows with its timestamps', async () => {
    const { id, version } = await draft();
    expect(version).toBe(1);
    const bytes = await readFile(path.join(DATASETS, 'kamp-melting-tank/melting_tank.csv'));
    const done = await upload(t, owner, id, version, { name: 'melting_tank.csv', bytes });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({
      name: 'melting_tank.csv',
      status: 'AVAILABLE',
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
    });

    const sealed = await t
      .http()
      .post(`/api/datasets/${id}/versions/${version}/seal`)
      .set(owner.auth)
      .expect(201);
    expect(sealed.body).toMatchObject({
      status: 'SEALED',
      quality: { status: expect.stringMatching(/PENDING|RUNNING|PASSED/) },
    });
    const report = await finishedReport(t, owner, id, version);
    expect(report).toMatchObject({ status: 'PASSED', passScore: 70, reasons: [] });
    const [file] = report.files;
    expect(file).toMatchObject({
      name: 'melting_tank.csv',
      kind: 'table',
      encoding: 'UTF-8',
      rows: 10_000,
      hasPreview: true,
    });
    expect(file.columns.map((c: { name: string }) => c.name)).toEqual([
      'STD_DT',
      'NUM',
      'MELT_TEMP',
      'MOTORSPEED',
      'MELT_WEIGHT',
      'INSP',
      'TAG',
    ]);
    expect(file.timeSeries).toMatchObject({
      column: 'STD_DT',
      outOfOrder: 0,
      medianIntervalSeconds: 60,
    });
    expect(report.score).toBeGreaterThan(90);

    const preview = await t
      .http()
      .get(`/api/datasets/${id}/versions/${version}/previews/${file.fileId}`)
      .set(owner.auth)
      .expect(200);
    expect(preview.headers['content-type']).toContain('text/csv');
    expect(preview.text.split('\n')[0]).toBe(
      'STD_DT,NUM,MELT_TEMP,MOTORSPEED,MELT_WEIGHT,INSP,TAG',
    );

    // Sealed for good.
    const late = await t
      .http()
      .post(`/api/datasets/${id}/versions/${version}/files`)
      .set(owner.auth)
      .send({
        name: 'more.csv',
        sizeBytes: 3,
        sha256: sha256(Buffer.from('a\n1')),
        contentType: 'text/csv',
      })
      .expect(409);
    expect(late.body.code).toBe('VERSION_SEALED');
    expect(
      (
        await t
          .http()
          .post(`/api/datasets/${id}/versions/${version}/seal`)
          .set(owner.auth)
          .expect(409)
      ).body.code,
    ).toBe('VERSION_SEALED');
    const next = await t
      .http()
      .post(`/api/datasets/${id}/versions`)
      .set(owner.auth)
      .send({})
      .expect(201);
    expect(next.body.version).toBe(2);
  });

  it('TSID files: the BOM is gone, CP949 Korean headers are readable, the Korean file name arrives as NFC', async () => {
    const { id, version } = await draft({ title: 'TSID', dataType: 'TABULAR' });
    const belt = path.join(DATASETS, 'tsid-conveyor-belt');
    const korean = (await readdir(belt)).find((n) => !/^[a-z]/.test(n))!;
    expect(korean).not.toBe(korean.normalize('NFC')); // stored as NFD, as macOS writes it
    for (const [name, file] of [
      ['data.csv', path.join(DATASETS, 'tsid-stamping-press/data.csv')],
      ['a diagonal cut.csv', path.join(belt, 'a diagonal cut.csv')],
      [korean, path.join(belt, korean)],
    ]) {
      const res = await upload(t, owner, id, version, { name, bytes: await readFile(file) });
      expect([name, res.status]).toEqual([name, 201]);
    }
    const v = await t
      .http()
      .get(`/api/datasets/${id}/versions/${version}`)
      .set(owner.auth)
      .expect(200);
    expect(v.body.files.map((f: { name: string }) => f.name)).toContain(
      '정상 데이터 수집.csv'.normalize('NFC'),
    );
    // The same name in another Unicode form is the same name.
    const again = await putParts(t, owner, id, version, {
      name: '정상 데이터 수집.csv'.normalize('NFD'),
      bytes: Buffer.from('a\n1\n'),
    });
    expect(again.start.status).toBe(409);

    await t.http().post(`/api/datasets/${id}/versions/${version}/seal`).set(owner.auth).expect(201);
    const report = await finishedReport(t, owner, id, version);
    expect(report.status).toBe('PASSED');
    const byName = Object.fromEntries(report.files.map((f: { name: string }) => [f.name, f]));
    expect(byName['data.csv']).toMatchObject({ encoding: 'UTF-8 with BOM', rows: 39 });
    expect(byName['data.csv'].columns[0].name).toBe('Pressure Limit');
    expect(byName['a diagonal cut.csv']).toMatchObject({ encoding: 'CP949', rows: 900 });
    expect(byName['a diagonal cut.csv'].columns.map((c: { name: string }) => c.name)).toEqual([
      '3상유도전동기',
      '벨트처짐',
      '소음',
      '진동',
      '속도',
    ]);
    expect(byName['정상 데이터 수집.csv']).toMatchObject({
      encoding: 'UTF-8 with BOM',
      error: null,
    });
  });

  it('a wrong SHA-256 or size is CHECKSUM_MISMATCH: the object is deleted and the name can be used again', async () => {
    const { id, version } = await draft();
    const bytes = Buffer.from('t,v\n2024-01-01 00:00:00,1\n');
    const wrong = await upload(t, owner, id, version, {
      name: 'x.csv',
      bytes,
      sha256: sha256(Buffer.from('other')),
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('CHECKSUM_MISMATCH');
    const [row] = await t.dataSource.query(
      `SELECT storage_key, status, failure_reason FROM dataset_files WHERE name = 'x.csv' AND version_id IN (SELECT id FROM dataset_versions WHERE dataset_id = $1)`,
      [id],
    );
    expect(row.status).toBe('FAILED');
    expect(await t.app.get(StoragePort).head(row.storage_key)).toBeUndefined();

    // A file shorter than declared: storage refuses the part (its length is signed into the
    // URL), and completing names the part that is missing.
    const short = await t
      .http()
      .post(`/api/datasets/${id}/versions/${version}/files`)
      .set(owner.auth)
      .send({
        name: 'y.csv',
        sizeBytes: bytes.length + 5,
        sha256: sha256(bytes),
        contentType: 'text/csv',
      })
      .expect(201);
    const put = await fetch(short.body.parts[0].url, { method: 'PUT', body: bytes });
    expect(put.status).toBe(400);
    const incomplete = await t
      .http()
      .post(`/api/uploads/${short.body.uploadId}/complete`)
      .set(owner.auth)
      .send({ parts: [{ partNumber: 1, etag: '"x"' }] })
      .expect(409);
    expect(incomplete.body).toMatchObject({
      code: 'UPLOAD_INCOMPLETE',
      details: { missingParts: [1], wrongSizeParts: [] },
    });
    const ok = await upload(t, owner, id, version, { name: 'x.csv', bytes });
    expect(ok.status).toBe(201);
  });

  it('splits a larger file into 8 MiB parts and checks the whole', async () => {
    const { id, version } = await draft();
    const line = 'STD_DT,NUM,MELT_TEMP\n';
    const bytes = Buffer.alloc(12 * 1024 * 1024, 'a');
    Buffer.from(line).copy(bytes);
    const { start, parts } = await putParts(t, owner, id, version, { name: 'big.csv', bytes });
    expect(start.body).toMatchObject({ partSizeBytes: 8 * 1024 * 1024, partCount: 2 });
    const missing = await t
      .http()
      .post(`/api/uploads/${start.body.uploadId}/complete`)
      .set(owner.auth)
      .send({ parts: parts.slice(0, 1) })
      .expect(400);
    expect(missing.body.message).toContain('every part 1 to 2');
    await t
      .http()
      .post(`/api/uploads/${start.body.uploadId}/complete`)
      .set(owner.auth)
      .send({ parts })
      .expect(201);
  });

  it('with part checksums storage checks each part, completing reads nothing back, and the quality job checks the whole SHA-256', async () => {
    const storage = t.app.get(StoragePort);
    const read = storage.read.bind(storage);
    const reads: string[] = [];
    storage.read = (key: string) => {
      reads.push(key);
      return read(key);
    };
    try {
      const { id, version } = await draft({ dataType: 'TABULAR' });
      const header = Buffer.from('a,b\n');
      const bytes = Buffer.alloc(12 * 1024 * 1024, '1,2\n');
      header.copy(bytes);
      const partSha256 = partHashes(bytes);
      const startChecked = (name: string) =>
        t
          .http()
          .post(`/api/datasets/${id}/versions/${version}/files`)
          .set(owner.auth)
          .send({
            name,
            sizeBytes: bytes.length,
            sha256: sha256(bytes),
            contentType: 'text/csv',
            partSha256,
          })
          .expect(201);
      const start = await startChecked('checked.csv');
      const [p1] = start.body.parts;
      expect(p1.headers).toEqual({
        'x-amz-checksum-sha256': Buffer.from(partSha256[0], 'hex').toString('base64'),
      });
      const first = bytes.subarray(0, 8 * 1024 * 1024);
      // Other bytes of the same length: storage refuses them and keeps nothing.
      const flipped = Buffer.from(first);
      flipped[100] ^= 1;
      const bad = await fetch(p1.url, { method: 'PUT', headers: p1.headers, body: flipped });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('BadDigest');
      const early = await t
        .http()
        .post(`/api/uploads/${start.body.uploadId}/complete`)
        .set(owner.auth)
        .send({ parts: [1, 2].map((partNumber) => ({ partNumber, etag: '"x"' })) })
        .expect(409);
      expect(early.body.details).toEqual({ missingParts: [1, 2], wrongSizeParts: [] });

      const putAll = async (parts: typeof start.body.parts, withHeaders: boolean[]) => {
        const etags = [];
        for (const [i, p] of parts.entries()) {
          const res = await fetch(p.url, {
            method: 'PUT',
            headers: withHeaders[i] ? p.headers : {},
            body: bytes.subarray(i * 8 * 1024 * 1024, (i + 1) * 8 * 1024 * 1024),
          });
          expect(res.status).toBe(200);
          etags.push({ partNumber: i + 1, etag: res.headers.get('etag')! });
        }
        return etags;
      };
      const done = await t
        .http()
        .post(`/api/uploads/${start.body.uploadId}/complete`)
        .set(owner.auth)
        .send({ parts: await putAll(start.body.parts, [true, true]) })
        .expect(201);
      expect(done.body).toMatchObject({ status: 'AVAILABLE', sha256: sha256(bytes) });
      expect(reads).toEqual([]);

      // S3 refuses a PUT without the checksum signed into its URL; s3rver checks no signatures
      // and takes it. Storage then lists that part without a checksum, and completing falls back
      // to reading the stored file and hashing it.
      const unchecked = await startChecked('unchecked.csv');
      await t
        .http()
        .post(`/api/uploads/${unchecked.body.uploadId}/complete`)
        .set(owner.auth)
        .send({ parts: await putAll(unchecked.body.parts, [true, false]) })
        .expect(201);
      expect(reads).toHaveLength(1);

      // Parts that are what their checksums say, under a whole-file SHA-256 of other bytes:
      // completing cannot tell without reading; the quality job's one read does, and the
      // version fails, so the file can never be listed.
      const liar = await upload(t, owner, id, version, {
        name: 'mislabelled.csv',
        bytes: Buffer.from('a,b\n3,4\n'),
        sha256: sha256(Buffer.from('something else')),
        partSha256: true,
      });
      expect(liar.body).toMatchObject({ status: 'AVAILABLE' });
      expect(reads).toHaveLength(1);
      await t
        .http()
        .post(`/api/datasets/${id}/versions/${version}/seal`)
        .set(owner.auth)
        .expect(201);
      const report = await finishedReport(t, owner, id, version);
      expect(report.status).toBe('FAILED');
      // (The other two files are one row repeated, so the score fails too.)
      expect(report.reasons).toEqual([
        expect.stringMatching(/^mislabelled\.csv: The stored file's SHA-256 is [0-9a-f]{64}, not/),
        expect.stringMatching(/^The score .* is below the pass score/),
      ]);
      expect(report.reasonsKo).toEqual([
        expect.stringMatching(/^mislabelled\.csv: 저장된 파일의 SHA-256이 [0-9a-f]{64}로/),
        expect.stringMatching(/^점수 .*점이 통과 기준 70점보다 낮습니다\.$/),
      ]);
      expect(report.files.find((f: { name: string }) => f.name === 'checked.csv')).toMatchObject({
        rows: (12 * 1024 * 1024) / 4 - 1,
        error: null,
      });
      // Each file was read once more, by the quality job.
      expect(reads).toHaveLength(4);
    } finally {
      storage.read = read;
    }
  });

  it('part checksums and part sizes that do not fit the file are refused, and nothing is started', async () => {
    const { id, version } = await draft();
    const bytes = Buffer.alloc(12 * 1024 * 1024, 'a');
    const start = (body: Record<string, unknown>) =>
      t
        .http()
        .post(`/api/datasets/${id}/versions/${version}/files`)
        .set(owner.auth)
        .send({
          name: 'p.csv',
          sizeBytes: bytes.length,
          sha256: sha256(bytes),
          contentType: 'text/csv',
          ...body,
        });
    const before = await counts(t, ['dataset_files']);
    const one = await start({ partSha256: partHashes(bytes).slice(0, 1) }).expect(400);
    expect(one.body.message).toContain('one SHA-256 for each of the 2 part(s) of 8 MiB, not 1');
    expect(one.body.messageKo).toContain('8 MiB 파트 2개마다 SHA-256이 하나씩');
    const odd = await start({ partSizeBytes: 6_000_000 }).expect(400);
    expect(odd.body.message).toContain('whole number of MiB');
    await start({ partSizeBytes: 1024 * 1024 }).expect(400);
    await start({ partSha256: ['nothex'] }).expect(400);
    expect(await counts(t, ['dataset_files'])).toEqual(before);
    // A part size of the uploader's choice: one 16 MiB part, checked by storage.
    const big = await start({
      partSizeBytes: 16 * 1024 * 1024,
      partSha256: partHashes(bytes, 16 * 1024 * 1024),
    }).expect(201);
    expect(big.body).toMatchObject({ partSizeBytes: 16 * 1024 * 1024, partCount: 1 });
    expect((await counts(t, ['dataset_files'])).dataset_files).toBe(before.dataset_files + 1);
  });

  it('abort, the abandoned-upload job, and sealing with uploads open', async () => {
    const { id, version } = await draft();
    const a = await putParts(t, owner, id, version, {
      name: 'a.csv',
      bytes: Buffer.from('a\n1\n'),
    });
    const seal = await t
      .http()
      .post(`/api/datasets/${id}/versions/${version}/seal`)
      .set(owner.auth)
      .expect(409);
    expect(seal.body.message).toContain('a.csv');
    await t.http().delete(`/api/uploads/${a.start.body.uploadId}`).set(owner.auth).expect(204);
    await t
      .http()
      .post(`/api/uploads/${a.start.body.uploadId}/complete`)
      .set(owner.auth)
      .send({ parts: a.parts })
      .expect(409);
    const empty = await t
      .http()
      .post(`/api/datasets/${id}/versions/${version}/seal`)
      .set(owner.auth)
      .expect(409);
    expect(empty.body.message).toContain('no files');

    const b = await putParts(t, owner, id, version, {
      name: 'b.csv',
      bytes: Buffer.from('a\n1\n'),
    });
    const uploads = t.app.get(UploadsService);
    expect(await uploads.abandonStale(new Date())).toBe(0);
    expect(
      await uploads.abandonStale(new Date(Date.now() + 25 * 3_600_000)),
    ).toBeGreaterThanOrEqual(1);
    const [row] = await t.dataSource.query(`SELECT status FROM dataset_files WHERE id = $1`, [
      b.start.body.uploadId,
    ]);
    expect(row.status).toBe('ABORTED');
  });

  it('broken files give a FAILED report that says why', async () => {
    const { id, version } = await draft({ dataType: 'TABULAR' });
    const files: [string, Buffer][] = [
      ['binary.csv', Buffer.from([0, 1, 2, 0, 255, 0, 7, 0, 0, 10])],
      ['ragged.csv', Buffer.from('a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n')],
      ['empty.csv', Buffer.alloc(0)],
      ['good.csv', Buffer.from('a,b\n1,2\n3,4\n')],
    ];
    for (const [name, bytes] of files)
      expect((await upload(t, owner, id, version, { name, bytes })).status).toBe(201);
    await t.http().post(`/api/datasets/${id}/versions/${version}/seal`).set(owner.auth).expect(201);
    const report = await finishedReport(t, owner, id, version);
    expect(report.status).toBe('FAILED');
    expect(report.reasons).toEqual([
      expect.stringMatching(/^binary\.csv: .*binary data/),
      'empty.csv: The file is empty (0 bytes).',
      'ragged.csv: Ragged rows: line 3 has 4 columns where the header has 3.',
    ]);
    expect(report.reasonsKo).toEqual([
      expect.stringMatching(/^binary\.csv: .*바이너리 데이터입니다\.$/),
      'empty.csv: 파일이 비어 있습니다 (0바이트).',
      'ragged.csv: 행마다 열 수가 다릅니다: 3번째 줄의 열이 4개인데 머리글은 3개입니다.',
    ]);
    expect(report.files.find((f: { name: string }) => f.name === 'good.csv')).toMatchObject({
      rows: 2,
      error: null,
    });
  });

  it("finds an organization's datasets by words of their title, in any case, wildcards as themselves", async () => {
    await draft({ title: 'Press Line 50% Load Data' });
    await draft({ title: '프레스 라인 진동 데이터' });
    const find = async (q: string) =>
      (
        await t
          .http()
          .get(`/api/organizations/${orgId}/datasets`)
          .query({ q, pageSize: 100 })
          .set(owner.auth)
          .expect(200)
      ).body as { items: { title: string }[]; total: number };
    expect((await find('press line')).items.map((d) => d.title)).toEqual([
      'Press Line 50% Load Data',
    ]);
    expect((await find('50%')).total).toBe(1);
    expect((await find('5_%')).total).toBe(0);
    expect((await find('라인 진동')).items.map((d) => d.title)).toEqual([
      '프레스 라인 진동 데이터',
    ]);
    const all = await find('  ');
    expect(all.total).toBeGreaterThan(2);
    await t
      .http()
      .get(`/api/organizations/${orgId}/datasets`)
      .query({ q: 'x'.repeat(101) })
      .set(owner.auth)
      .expect(400);
  });

  it('other organizations cannot see or touch a dataset; bad input changes nothing', async () => {
    const { id, version } = await draft();
    const outsider = await signUp(t);
    await createOrganization(t, outsider);
    const before = await counts(t, ['datasets', 'dataset_versions', 'dataset_files']);
    for (const [method, p, body] of [
      ['get', `/api/datasets/${id}`, undefined],
      ['post', `/api/datasets/${id}/versions`, {}],
      ['get', `/api/datasets/${id}/versions/${version}`, undefined],
      [
        'post',
        `/api/datasets/${id}/versions/${version}/files`,
        { name: 'a.csv', sizeBytes: 1, sha256: 'a'.repeat(64), contentType: 'text/csv' },
      ],
      ['post', `/api/datasets/${id}/versions/${version}/seal`, {}],
      ['get', `/api/datasets/${id}/versions/${version}/quality-report`, undefined],
    ] as const) {
      const call = t.http()[method](p);
      const res = await call.set(outsider.auth).send(body);
      expect([p, res.status]).toEqual([p, 404]);
    }
    await t
      .http()
      .post('/api/datasets')
      .set(outsider.auth)
      .send({ organizationId: orgId, title: 'x', dataType: 'TABULAR' })
      .expect(404);
    const bad = await t
      .http()
      .post(`/api/datasets/${id}/versions/${version}/files`)
      .set(owner.auth)
      .send({ name: '../../etc/passwd', sizeBytes: -1, sha256: 'ABC', contentType: 'csv' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'contentType',
      'sha256',
      'sizeBytes',
    ]);
    const path = await t
      .http()
      .post(`/api/datasets/${id}/versions/${version}/files`)
      .set(owner.auth)
      .send({ name: '../passwd', sizeBytes: 1, sha256: 'a'.repeat(64), contentType: 'text/csv' })
      .expect(400);
    expect(path.body.message).toContain('must not contain /');
    const huge = await t
      .http()
      .post(`/api/datasets/${id}/versions/${version}/files`)
      .set(owner.auth)
      .send({
        name: 'huge.csv',
        sizeBytes: 6 * 1024 ** 3,
        sha256: 'a'.repeat(64),
        contentType: 'text/csv',
      })
      .expect(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    await t
      .http()
      .post('/api/datasets')
      .set(owner.auth)
      .send({ organizationId: orgId, title: 'x', dataType: 'VIDEO' })
      .expect(400);
    expect(await counts(t, ['datasets', 'dataset_versions', 'dataset_files'])).toEqual(before);
  });
});
