import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { datasetsDir } from '../support/datasets.js';
import { ProductsService } from '../../src/modules/catalog/products.service.js';
import {
  facetCounts,
  type SearchParams,
  searchSql,
  totalOf,
} from '../../src/modules/catalog/search-query.js';
import {
  memberMadeOperator,
  counts,
  createOrganization,
  operator,
  signUp,
  type TestUser,
} from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { finishedReport, upload, verifiedVersion } from '../support/uploads.js';

const KAMP = path.join(datasetsDir(), 'kamp-melting-tank', 'melting_tank.csv');
const small = (rows = 20) =>
  Buffer.from(
    [
      't,v,tag',
      ...Array.from(
        { length: rows },
        (_, i) => `2024-01-01 00:${String(i).padStart(2, '0')}:00,${i},OK`,
      ),
    ].join('\n') + '\n',
  );

describe('catalog', () => {
  let t: TestApp;
  let op: TestUser;
  let seller: TestUser;
  let orgId: string;
  let kamp: { datasetId: string; version: number; report: { files: { fileId: string }[] } };

  beforeAll(async () => {
    // Facet counts kept two seconds here (ten by default), for the test that waits them out.
    t = await startTestApp({ SEARCH_FACETS_CACHE_SECONDS: '2' });
    op = await operator(t);
    seller = await signUp(t, '판매담당');
    orgId = (await createOrganization(t, seller, { name: '한국용해주조', industryCode: '24311' }))
      .id;
    // Publishing needs an organization the operator verified.
    await t
      .http()
      .post(`/api/organizations/${orgId}/verification`)
      .set(op.auth)
      .send({ businessStatus: 'ACTIVE', taxArrears: false, category: 'SME' })
      .expect(201);
    kamp = await verifiedVersion(
      t,
      seller,
      orgId,
      [{ name: 'melting_tank.csv', bytes: await readFile(KAMP) }],
      {
        title: 'KAMP 용해탱크 데이터',
        description: 'Melting tank process data: temperature, motor speed, weight, inspection',
        tags: ['용해', 'KAMP'],
      },
    );
  });
  afterAll(() => t.close());

  async function product(datasetId: string, version: number, fields: Record<string, unknown> = {}) {
    const res = await t
      .http()
      .post('/api/products')
      .set(seller.auth)
      .send({
        datasetId,
        version,
        title: '상품',
        priceKrw: 1_000_000,
        license: 'RESEARCH_ONLY',
        ...fields,
      });
    return res;
  }

  it('lists the KAMP dataset at the guided price; buyers find it by a Korean word, English and filters', async () => {
    const created = await product(kamp.datasetId, kamp.version, {
      title: '용해탱크 품질 예측 데이터셋',
      priceKrw: 1_000_000,
      license: 'COMMERCIAL',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'DRAFT',
      rowCount: 10_000,
      fileCount: 1,
      dataType: 'SENSOR_TIME_SERIES',
      industryCode: '24311',
      processingSupported: false,
    });
    const id = created.body.id;

    const guide = await t
      .http()
      .get(`/api/products/${id}/pricing-guide`)
      .set(seller.auth)
      .expect(200);
    expect(guide.body).toMatchObject({
      suggestedPriceKrw: expect.any(Number),
      explanation: expect.stringContaining('rows'),
      explanationKo: expect.stringContaining('10,000행'),
      inputs: { rows: 10_000 },
    });
    expect(guide.body.suggestedPriceKrw % 10_000).toBe(0);
    await t
      .http()
      .patch(`/api/products/${id}`)
      .set(seller.auth)
      .send({ priceKrw: guide.body.suggestedPriceKrw })
      .expect(200);

    // Drafts are not public.
    expect((await t.http().get('/api/products').query({ q: '용해' }).expect(200)).body.total).toBe(
      0,
    );
    await t.http().get(`/api/products/${id}`).expect(404);
    await t.http().get(`/api/products/${id}`).set(seller.auth).expect(200);

    const listed = await t.http().post(`/api/products/${id}/publish`).set(seller.auth).expect(201);
    expect(listed.body).toMatchObject({
      status: 'LISTED',
      priceKrw: guide.body.suggestedPriceKrw,
      pricingGuide: { suggestedPriceKrw: guide.body.suggestedPriceKrw },
    });
    expect(listed.body.listedAt).toBeTruthy();
    expect(
      (await t.http().post(`/api/products/${id}/publish`).set(seller.auth).expect(409)).body.code,
    ).toBe('INVALID_TRANSITION');

    // Korean compounds are found written with or without their spaces.
    for (const q of [
      '용해',
      '탱크',
      '품질',
      'melting',
      'KAMP',
      '한국용해',
      '24311',
      '품질예측',
      '해탱크품질',
      '예측 데이터셋',
    ]) {
      const found = await t.http().get('/api/products').query({ q }).expect(200);
      expect([q, found.body.items.map((p: { id: string }) => p.id)]).toEqual([q, [id]]);
    }
    expect(
      (await t.http().get('/api/products').query({ q: '탱크예측' }).expect(200)).body.total,
    ).toBe(0);
    expect((await t.http().get('/api/products').query({ q: '압연' }).expect(200)).body.total).toBe(
      0,
    );

    const view = await t.http().get(`/api/products/${id}`).expect(200);
    expect(view.body).toMatchObject({
      license: 'COMMERCIAL',
      licence: { termMonths: 24, commercialUse: true },
      seller: { name: '한국용해주조' },
      quality: { status: 'PASSED', files: [{ rows: 10_000 }] },
      revisions: [{ version: 1 }],
    });
    expect(view.body.pricingGuide).toBeUndefined();
    // The price with its VAT, split in whole won as the receipt will split it.
    expect(view.body.supplyKrw + view.body.vatKrw).toBe(view.body.priceKrw);
    expect(view.body.supplyKrw).toBe(Math.floor((view.body.priceKrw * 10) / 11));
    expect(view.body.quality.files[0].parts).toContainEqual(
      expect.objectContaining({
        name: 'completeness',
        explanation: expect.stringContaining('cells missing'),
        explanationKo: expect.stringContaining('칸이 비어 있음'),
      }),
    );
    expect(view.body.samples[0].url).toMatch(/^\/api\/products\//);
    expect(view.body.quality.files[0].columns.map((c: { name: string }) => c.name)).toContain(
      'MELT_TEMP',
    );
    const sample = await t.http().get(view.body.samples[0].url).expect(200);
    expect(sample.text.split('\n')[0]).toBe('STD_DT,NUM,MELT_TEMP,MOTORSPEED,MELT_WEIGHT,INSP,TAG');
  });

  it('filters, sorts and counts facets', async () => {
    // The service's connections run with the work_mem that keeps a search's bitmap exact.
    const [{ work_mem }] = await t.dataSource.query('SHOW work_mem');
    expect(work_mem).toBe('32MB');
    const tabular = await verifiedVersion(t, seller, orgId, [{ name: 'a.csv', bytes: small() }], {
      title: '프레스 공정 표',
      dataType: 'TABULAR',
      industryCode: '29294',
    });
    const p2 = await product(tabular.datasetId, tabular.version, {
      title: '프레스 압력 표',
      priceKrw: 12_000_000,
    });
    expect(p2.body).toMatchObject({ status: 'DRAFT' });
    await t.http().post(`/api/products/${p2.body.id}/publish`).set(seller.auth).expect(201);

    const all = await t.http().get('/api/products').query({ sort: 'price_desc' }).expect(200);
    expect(all.body.items.map((p: { priceKrw: number }) => p.priceKrw)).toEqual(
      [...all.body.items.map((p: { priceKrw: number }) => p.priceKrw)].sort((a, b) => b - a),
    );
    expect(all.body.facets.dataType).toEqual({ SENSOR_TIME_SERIES: 1, TABULAR: 1 });
    expect(all.body.facets.industryDivision).toEqual({ '24': 1, '29': 1 });
    expect(all.body.facets.priceRange['10M_AND_MORE']).toBe(1);
    expect(all.body.facets.processingSupported).toEqual({ false: 2 });
    expect(all.body.facets.license).toEqual({ COMMERCIAL: 1, RESEARCH_ONLY: 1 });

    const cases: [Record<string, unknown>, number][] = [
      [{ dataType: 'TABULAR' }, 1],
      [{ industryCode: '24' }, 1],
      [{ minPriceKrw: 10_000_000 }, 1],
      [{ maxPriceKrw: 10_000_000 }, 1],
      [{ minQuality: 99 }, 2],
      [{ processingSupported: 'true' }, 0],
      [{ license: 'RESEARCH_ONLY' }, 1],
      [{ license: 'COMMERCIAL', dataType: 'TABULAR' }, 0],
      [{ q: '프레스', dataType: 'SENSOR_TIME_SERIES' }, 0],
    ];
    for (const [query, n] of cases)
      expect([
        query,
        (await t.http().get('/api/products').query(query).expect(200)).body.total,
      ]).toEqual([query, n]);
    await t.http().get('/api/products').query({ minPriceKrw: 'cheap' }).expect(400);
    await t.http().get('/api/products').query({ sort: 'random' }).expect(400);
    await t.http().get('/api/products').query({ license: 'commercial; drop' }).expect(400);
  });

  it('keeps facet counts by filter: a product written here counts at once, one changed elsewhere within SEARCH_FACETS_CACHE_SECONDS', async () => {
    const search = async (query: Record<string, unknown>) =>
      (await t.http().get('/api/products').query(query).expect(200)).body as {
        total: number;
        items: { id: string; priceKrw: number }[];
        facets: { dataType: Record<string, number> };
      };
    const before = await search({ sort: 'price_asc' });
    const [cheapest] = before.items;
    // Another instance delists it: written straight to the database, unseen by this one.
    await t.dataSource.query(`UPDATE products SET status = 'DELISTED' WHERE id = $1`, [
      cheapest.id,
    ]);
    const kept = await search({ sort: 'price_asc' });
    expect(kept.items.map((p) => p.id)).not.toContain(cheapest.id); // the page is read every time
    expect(kept.total).toBe(before.total); // the counts of that filter are kept
    expect((await search({ minPriceKrw: 0 })).total).toBe(before.total - 1); // another filter counts
    await new Promise((r) => setTimeout(r, 2100));
    expect((await search({ sort: 'price_asc' })).total).toBe(before.total - 1);

    // Listed again elsewhere, then a product written through this instance: counted at once.
    await t.dataSource.query(`UPDATE products SET status = 'LISTED' WHERE id = $1`, [cheapest.id]);
    expect((await search({ sort: 'price_asc' })).total).toBe(before.total - 1);
    await t
      .http()
      .patch(`/api/products/${before.items[1].id}`)
      .set(seller.auth)
      .send({ description: '설명을 고쳤습니다' })
      .expect(200);
    const after = await search({ sort: 'price_asc' });
    expect(after.total).toBe(before.total);
    expect(after.facets).toEqual(before.facets);
  });

  it('refuses bad products and changes nothing', async () => {
    const draftDs = await t
      .http()
      .post('/api/datasets')
      .set(seller.auth)
      .send({ organizationId: orgId, title: 'draft', dataType: 'TABULAR' })
      .expect(201);
    await t
      .http()
      .post(`/api/datasets/${draftDs.body.id}/versions`)
      .set(seller.auth)
      .send({})
      .expect(201);
    const failed = await t
      .http()
      .post('/api/datasets')
      .set(seller.auth)
      .send({ organizationId: orgId, title: 'broken', dataType: 'TABULAR' })
      .expect(201);
    await t
      .http()
      .post(`/api/datasets/${failed.body.id}/versions`)
      .set(seller.auth)
      .send({})
      .expect(201);
    await upload(t, seller, failed.body.id, 1, { name: 'empty.csv', bytes: Buffer.alloc(0) });
    await t
      .http()
      .post(`/api/datasets/${failed.body.id}/versions/1/seal`)
      .set(seller.auth)
      .expect(201);
    expect((await finishedReport(t, seller, failed.body.id, 1)).status).toBe('FAILED');
    const other = await signUp(t);
    const otherOrg = (await createOrganization(t, other)).id;
    const foreign = await verifiedVersion(t, other, otherOrg, [{ name: 'a.csv', bytes: small() }]);

    const before = await counts(t, ['products', 'product_revisions', 'audit_entries']);
    for (const price of [0, -5, 1.5, '1000']) {
      const res = await product(kamp.datasetId, kamp.version, { priceKrw: price });
      expect([price, res.status, res.body.details?.[0]?.field]).toEqual([price, 400, 'priceKrw']);
    }
    expect((await product(draftDs.body.id, 1)).body.code).toBe('VERSION_NOT_SEALED');
    const q = await product(failed.body.id, 1);
    expect([q.status, q.body.code]).toEqual([409, 'QUALITY_NOT_PASSED']);
    expect(q.body.message).toContain('empty');
    expect((await product(foreign.datasetId, foreign.version)).status).toBe(404);
    expect((await product(kamp.datasetId, kamp.version, { license: 'FREE_FOR_ALL' })).status).toBe(
      400,
    );
    expect((await product(kamp.datasetId, 9)).status).toBe(404);
    expect(await counts(t, ['products', 'product_revisions', 'audit_entries'])).toEqual(before);
  });

  it('keeps a processing-supported product listed for a year: the seller is refused, an operator may delist with a reason', async () => {
    const v = await verifiedVersion(t, seller, orgId, [{ name: 'a.csv', bytes: small() }], {
      title: '가공지원 상품',
    });
    const p = await product(v.datasetId, v.version, { title: '가공지원 결과 데이터' });
    await t.dataSource.transaction((m) =>
      t.app
        .get(ProductsService)
        .markProcessingSupported(m, p.body.id, '00000000-0000-4000-8000-000000000001'),
    );
    await t.http().post(`/api/products/${p.body.id}/publish`).set(seller.auth).expect(201);
    const refused = await t
      .http()
      .post(`/api/products/${p.body.id}/delist`)
      .set(seller.auth)
      .send({ reason: '판매 중단' })
      .expect(409);
    expect(refused.body.code).toBe('LISTING_LOCKED');
    expect(
      (await t.http().get(`/api/products/${p.body.id}`).expect(200)).body.lockedUntil,
    ).toBeTruthy();
    // A member of the seller who is also an operator delists as the seller: the operator's
    // exception is for organizations they have no stake in.
    const insider = await memberMadeOperator(t, op, seller, orgId);
    const asSeller = await t
      .http()
      .post(`/api/products/${p.body.id}/delist`)
      .set(insider.auth)
      .send({ reason: '판매 중단' })
      .expect(409);
    expect(asSeller.body.code).toBe('LISTING_LOCKED');
    // Once they leave, they are still refused, now as an operator who was a member.
    await t.http().post(`/api/organizations/${orgId}/leave`).set(insider.auth).expect(204);
    const former = await t
      .http()
      .post(`/api/products/${p.body.id}/delist`)
      .set(insider.auth)
      .send({ reason: '판매 중단' })
      .expect(403);
    expect(former.body).toMatchObject({
      code: 'CONFLICT_OF_INTEREST',
      details: { memberOf: orgId },
    });
    await t.http().post(`/api/products/${p.body.id}/delist`).set(op.auth).send({}).expect(400);
    const delisted = await t
      .http()
      .post(`/api/products/${p.body.id}/delist`)
      .set(op.auth)
      .send({ reason: '개인정보 포함 확인' })
      .expect(201);
    expect(delisted.body).toMatchObject({ status: 'DELISTED', delistReason: '개인정보 포함 확인' });
    const [audit] = await t.dataSource.query(
      `SELECT details FROM audit_entries WHERE action = 'product.delisted' AND entity_id = $1`,
      [p.body.id],
    );
    expect(audit.details).toEqual({ reason: '개인정보 포함 확인', byOperator: true });
    await t.http().get(`/api/products/${p.body.id}`).expect(404);

    // An ordinary product: the seller delists it.
    const w = await verifiedVersion(t, seller, orgId, [{ name: 'b.csv', bytes: small() }]);
    const q = await product(w.datasetId, w.version);
    await t.http().post(`/api/products/${q.body.id}/publish`).set(seller.auth).expect(201);
    await t
      .http()
      .post(`/api/products/${q.body.id}/delist`)
      .set(seller.auth)
      .send({ reason: '단종' })
      .expect(201);
  });

  it('adds a newer verified version as a revision; buyers see the history', async () => {
    const v = await verifiedVersion(t, seller, orgId, [{ name: 'a.csv', bytes: small(10) }]);
    const p = await product(v.datasetId, v.version);
    await t
      .http()
      .post(`/api/datasets/${v.datasetId}/versions`)
      .set(seller.auth)
      .send({ notes: '2차 수집분' })
      .expect(201);
    await upload(t, seller, v.datasetId, 2, { name: 'a.csv', bytes: small(40) });
    await t
      .http()
      .post(`/api/products/${p.body.id}/revisions`)
      .set(seller.auth)
      .send({ version: 2 })
      .expect(409);
    await t
      .http()
      .post(`/api/datasets/${v.datasetId}/versions/2/seal`)
      .set(seller.auth)
      .expect(201);
    await finishedReport(t, seller, v.datasetId, 2);
    const revised = await t
      .http()
      .post(`/api/products/${p.body.id}/revisions`)
      .set(seller.auth)
      .send({ version: 2 })
      .expect(201);
    expect(revised.body).toMatchObject({
      version: 2,
      rowCount: 40,
      revisions: [{ version: 1 }, { version: 2, notes: '2차 수집분' }],
    });
    await t
      .http()
      .post(`/api/products/${p.body.id}/revisions`)
      .set(seller.auth)
      .send({ version: 1 })
      .expect(409);
    const mine = await t
      .http()
      .get(`/api/organizations/${orgId}/products`)
      .set(seller.auth)
      .expect(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(p.body.id);
  });

  it('licence templates: anyone reads them, operators manage them', async () => {
    const list = await t.http().get('/api/licences').expect(200);
    expect(list.body.items.map((l: { code: string }) => l.code)).toEqual([
      'COMMERCIAL',
      'INTERNAL_USE',
      'RESEARCH_ONLY',
    ]);
    const body = {
      name: 'Education',
      nameKo: '교육용',
      terms: 'Teaching only.',
      termMonths: 6,
      commercialUse: false,
      derivatives: false,
    };
    await t.http().put('/api/licences/EDUCATION').set(seller.auth).send(body).expect(403);
    await t.http().put('/api/licences/EDUCATION').set(op.auth).send(body).expect(200);
    await t.http().put('/api/licences/education').set(op.auth).send(body).expect(400);
  });

  it('keeps the facet counts and the search copy in step with the products, under every change and at once', async () => {
    // What the table says against what the products say, by the same five keys.
    const drift = async () =>
      t.dataSource.query(
        `(SELECT data_type, coalesce(industry_code, '') AS industry_code, licence_code,
                 processing_supported, mdx_price_range(price_krw) AS band, count(*)::int AS n
            FROM products WHERE status = 'LISTED' GROUP BY 1, 2, 3, 4, 5
          EXCEPT SELECT data_type, industry_code, licence_code, processing_supported, band, n
            FROM listed_facet_counts WHERE n > 0)
         UNION ALL
         (SELECT data_type, industry_code, licence_code, processing_supported, band, n
            FROM listed_facet_counts WHERE n > 0
          EXCEPT SELECT data_type, coalesce(industry_code, ''), licence_code, processing_supported,
                        mdx_price_range(price_krw), count(*)::int
            FROM products WHERE status = 'LISTED' GROUP BY 1, 2, 3, 4, 5)`,
      );
    // listed_products, the search's copy, against the listed products themselves, each naming
    // the facet counts' row of its combination.
    const copy = `SELECT p.id, p.listed_at, p.price_krw, c.id AS facet, p.processing_supported,
                         p.quality_score, p.processor_organization_id, p.data_type, p.industry_code,
                         p.licence_code, p.title_text, p.search_text
                    FROM products p
                    JOIN listed_facet_counts c
                      ON (c.data_type, c.industry_code, c.licence_code, c.processing_supported, c.band)
                         = (p.data_type, coalesce(p.industry_code, ''), p.licence_code,
                            p.processing_supported, mdx_price_range(p.price_krw))
                   WHERE p.status = 'LISTED'`;
    const copyDrift = async () =>
      t.dataSource.query(
        `(${copy} EXCEPT SELECT * FROM listed_products)
         UNION ALL (SELECT * FROM listed_products EXCEPT ${copy})`,
      );
    const inStep = async () => {
      expect(await drift()).toEqual([]);
      expect(await copyDrift()).toEqual([]);
    };
    await inStep();
    // A product renamed through the API is found by its new words at once, and not by the old.
    const [renamed] = (await t.http().get('/api/products').expect(200)).body.items as {
      id: string;
      title: string;
    }[];
    await t
      .http()
      .patch(`/api/products/${renamed.id}`)
      .set(seller.auth)
      .send({ title: '주조 라인 진동분광 데이터' })
      .expect(200);
    const found = await t.http().get('/api/products').query({ q: '진동분광' }).expect(200);
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([renamed.id]);
    await t
      .http()
      .patch(`/api/products/${renamed.id}`)
      .set(seller.auth)
      .send({ title: renamed.title })
      .expect(200);
    expect(
      (await t.http().get('/api/products').query({ q: '진동분광' }).expect(200)).body.total,
    ).toBe(0);
    await inStep();
    const ids: string[] = (await t.dataSource.query(`SELECT id FROM products ORDER BY id`)).map(
      (r: { id: string }) => r.id,
    );
    expect(ids.length).toBeGreaterThan(2);
    // Through the API: a price moved across a range, which the front page counts at once.
    const [listed] = (await t.http().get('/api/products').query({ sort: 'price_asc' }).expect(200))
      .body.items as { id: string; priceKrw: number }[];
    await t
      .http()
      .patch(`/api/products/${listed.id}`)
      .set(seller.auth)
      .send({ priceKrw: 10_000_000 + listed.priceKrw })
      .expect(200);
    const front = await t.http().get('/api/products').expect(200);
    expect(front.body.facets.priceRange['10M_AND_MORE']).toBe(
      front.body.items.filter((p: { priceKrw: number }) => p.priceKrw >= 10_000_000).length,
    );
    await inStep();
    // Straight in the database, from many connections at once: listed, delisted, moved between
    // industries and licences, each product back and forth.
    await Promise.all(
      ids.flatMap((id, i) => [
        t.dataSource.query(`UPDATE products SET status = 'DELISTED' WHERE id = $1`, [id]),
        t.dataSource.query(`UPDATE products SET status = 'LISTED' WHERE id = $1`, [id]),
        t.dataSource.query(`UPDATE products SET industry_code = $2 WHERE id = $1`, [
          id,
          i % 2 ? '29294' : null,
        ]),
        t.dataSource.query(
          `UPDATE products SET processing_supported = NOT processing_supported WHERE id = $1`,
          [id],
        ),
        t.dataSource.query(
          `UPDATE products SET search_text = search_text || ' 개정', quality_score = $2
            WHERE id = $1`,
          [id, 50 + i],
        ),
      ]),
    );
    await inStep();
    await t.dataSource.query(`UPDATE products SET status = 'LISTED'`);
    await inStep();
    // The counts from the table are those of the same products counted one by one (a bound every
    // product meets takes the search to the products themselves), for the front page and filters.
    const facetsOf = async (params: Omit<SearchParams, 'page' | 'pageSize'>) => {
      const { facets } = searchSql({ ...params, page: 1, pageSize: 20 });
      expect(facets.text.includes('listed_products')).toBe(params.minPriceKrw !== undefined);
      return facetCounts(await t.dataSource.query(facets.text, facets.values));
    };
    for (const filter of [
      {},
      { dataType: 'SENSOR_TIME_SERIES' as const },
      { industryCode: '29' },
      { processingSupported: true, license: 'RESEARCH_ONLY' },
    ])
      expect([filter, await facetsOf(filter)]).toEqual([
        filter,
        await facetsOf({ ...filter, minPriceKrw: 1 }),
      ]);
    expect(totalOf(await facetsOf({}))).toBe(ids.length);
    const [{ n }] = await t.dataSource.query(`SELECT sum(n)::int AS n FROM listed_facet_counts`);
    expect(n).toBe(ids.length);
  });
});
