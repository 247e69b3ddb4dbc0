import { readFile } from 'node:fs/promises';
import path from 'node:path';
import env from '@zazuko/env-node';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { operator, type TestUser } from '../support/factories.js';
import { listedKampProduct, sensorCsv } from '../support/market.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { verifiedVersion } from '../support/uploads.js';

/** The DCAT-AP 3.0.0 shapes, kept in the repository (standards/README.md). */
async function conformance(doc: object) {
  const shapes = env.dataset(
    new Parser().parse(
      await readFile(path.resolve('standards/dcat-ap-3.0.0-SHACL.ttl'), 'utf8'),
    ) as never,
  );
  const nquads = (await jsonld.toRDF(doc as never, { format: 'application/n-quads' })) as string;
  const data = env.dataset(new Parser({ format: 'N-Quads' }).parse(nquads) as never);
  const report = await new SHACLValidator(shapes, { factory: env }).validate(data);
  return {
    conforms: report.conforms,
    problems: report.results.map(
      (r) => `${r.focusNode?.value} ${r.path?.value}: ${r.message.map((m) => m.value).join(' ')}`,
    ),
    triples: data.size,
  };
}

describe('the open catalogue', () => {
  let t: TestApp;
  let op: TestUser;
  let listed: Awaited<ReturnType<typeof listedKampProduct>>;
  let draftId: string;

  beforeAll(async () => {
    t = await startTestApp();
    op = await operator(t);
    listed = await listedKampProduct(t, { priceKrw: 1_500_000, license: 'COMMERCIAL' });
    // A draft of the same seller: made, never published.
    const v = await verifiedVersion(t, listed.seller, listed.organizationId, [
      sensorCsv('draft.csv'),
    ]);
    draftId = (
      await t
        .http()
        .post('/api/products')
        .set(listed.seller.auth)
        .send({
          datasetId: v.datasetId,
          version: v.version,
          title: '비공개 초안 데이터',
          priceKrw: 900_000,
          license: 'COMMERCIAL',
        })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('lists what is on sale as DCAT-AP 3 that validates against the official SHACL shapes, and nothing private', async () => {
    const res = await t.http().get('/api/catalog/dcat').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc = JSON.parse(res.text);
    expect(doc['@type']).toBe('dcat:Catalog');
    const ids = doc['dcat:dataset'].map((d: { 'dct:identifier': string }) => d['dct:identifier']);
    expect(ids).toContain(listed.productId);
    expect(ids).not.toContain(draftId);
    expect(res.text).not.toContain('비공개 초안');
    expect(res.text).not.toMatch(/X-Amz|s3:\/\/|@test\.local/);
    const dataset = doc['dcat:dataset'].find(
      (d: { 'dct:identifier': string }) => d['dct:identifier'] === listed.productId,
    );
    expect(dataset['dcat:keyword']).toEqual(
      expect.arrayContaining([
        { '@value': '센서 시계열', '@language': 'ko' },
        { '@value': 'sensor time series', '@language': 'en' },
      ]),
    );
    expect(dataset['dcat:distribution'][0]['dct:license']['@type']).toBe('dct:LicenseDocument');

    const result = await conformance(doc);
    expect(result.problems).toEqual([]);
    expect(result.conforms).toBe(true);
    expect(result.triples).toBeGreaterThan(40);

    // The check bites: a dataset without its mandatory description does not conform.
    const broken = structuredClone(doc);
    delete broken['dcat:dataset'][0]['dct:description'];
    const refused = await conformance(broken);
    expect(refused.conforms).toBe(false);
    expect(refused.problems.join('\n')).toContain('http://purl.org/dc/terms/description');
  });

  it('answers a conditional request with 304 until the catalogue changes, and feeds the changes', async () => {
    const first = await t.http().get('/api/catalog/dcat').expect(200);
    const etag = first.headers['etag'];
    expect(etag).toMatch(/^W\/"dcat-/);
    expect(first.headers['last-modified']).toBeDefined();
    const again = await t.http().get('/api/catalog/dcat').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    const since = await t
      .http()
      .get('/api/catalog/dcat')
      .set('If-Modified-Since', first.headers['last-modified']);
    expect(since.status).toBe(304);

    // The operator delists the product: the catalogue changes, the old ETag no longer holds.
    await t
      .http()
      .post(`/api/products/${listed.productId}/delist`)
      .set(op.auth)
      .send({ reason: '시험용 판매 중지: 개인정보 포함' })
      .expect(201);
    const after = await t.http().get('/api/catalog/dcat').set('If-None-Match', etag).expect(200);
    expect(after.headers['etag']).not.toBe(etag);
    expect(after.text).not.toContain(listed.productId);

    const feed = await t.http().get('/api/catalog/changes').expect(200);
    expect(feed.headers['content-type']).toMatch(/^application\/feed\+json/);
    const changes = JSON.parse(feed.text);
    expect(changes.version).toBe('https://jsonfeed.org/version/1.1');
    const mine = changes.items.filter(
      (i: { _exchange: { productId: string } }) => i._exchange.productId === listed.productId,
    );
    expect(mine.map((i: { _exchange: { change: string } }) => i._exchange.change)).toEqual([
      'product.delisted',
      'product.listed',
    ]);
    expect(feed.text).not.toContain('개인정보 포함'); // the reason stays with the seller
    expect(feed.text).not.toContain(draftId);
    const cached = await t
      .http()
      .get('/api/catalog/changes')
      .set('If-None-Match', feed.headers['etag']);
    expect(cached.status).toBe(304);
    await t.http().get('/api/catalog/changes?before=abc').expect(400);
  });
});
