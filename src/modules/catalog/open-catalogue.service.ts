import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';
import { DATA_TYPE_NAMES, type DataType } from '../datasets/index.js';

export const DCAT_PAGE_SIZE = 100;
export const CHANGES_PAGE_SIZE = 100;

/** The EU's data themes (DCAT-AP's controlled vocabulary): manufacturing data is economy and technology. */
const EU_THEMES = [
  ['http://publications.europa.eu/resource/authority/data-theme/ECON', 'Economy and finance'],
  ['http://publications.europa.eu/resource/authority/data-theme/TECH', 'Science and technology'],
];
const CSV = 'http://publications.europa.eu/resource/authority/file-type/CSV';

const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

const ko = (value: string) => ({ '@value': value, '@language': 'ko' });
const en = (value: string) => ({ '@value': value, '@language': 'en' });
const dateTime = (d: Date) => ({ '@value': d.toISOString(), '@type': 'xsd:dateTime' });

interface Row {
  id: string;
  title: string;
  description: string;
  version: number;
  priceKrw: string;
  tags: string[];
  dataType: string;
  industryCode: string | null;
  licenceCode: string;
  licenceName: string;
  licenceNameKo: string;
  sizeBytes: string;
  fileCount: number;
  rowCount: string;
  qualityScore: string | null;
  firstListedAt: Date;
  updatedAt: Date;
  sellerId: string;
  sellerName: string;
}

/** What a feed answers and the validators a conditional request is checked against. */
export interface Feed {
  body: object;
  etag: string;
  lastModified: Date;
}

/**
 * The open catalogue: listed products as DCAT-AP 3 (JSON-LD), and a JSON Feed of products listed,
 * revised and delisted. Only what is on sale (or was, for the change feed) and only what the
 * public data card shows: never a draft, a buyer, a file's storage address or a delisting's
 * reason.
 */
@Injectable()
export class OpenCatalogue {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get base() {
    return this.config.mail.publicUrl;
  }

  /** Listed products, a page at a time, newest listing first. */
  async dcat(page: number): Promise<Feed> {
    const [{ total, lastModified }] = await this.dataSource.query(
      // Delisted products count for the time: taking one off the list changes the catalogue.
      `SELECT count(*) FILTER (WHERE status = 'LISTED')::int AS total,
              max(updated_at) FILTER (WHERE status = 'LISTED' OR delisted_at IS NOT NULL) AS "lastModified"
         FROM products`,
    );
    const rows: Row[] = await this.dataSource.query(
      `SELECT p.id, p.title, p.description, p.version, p.price_krw::text AS "priceKrw", p.tags,
              p.data_type AS "dataType", p.industry_code AS "industryCode",
              p.licence_code AS "licenceCode", l.name AS "licenceName", l.name_ko AS "licenceNameKo",
              p.size_bytes::text AS "sizeBytes", p.file_count AS "fileCount",
              p.row_count::text AS "rowCount", p.quality_score AS "qualityScore",
              coalesce(p.first_listed_at, p.listed_at, p.created_at) AS "firstListedAt",
              p.updated_at AS "updatedAt", o.id AS "sellerId", o.name AS "sellerName"
         FROM products p
         JOIN organizations o ON o.id = p.organization_id
         JOIN licences l ON l.code = p.licence_code
        WHERE p.status = 'LISTED'
        ORDER BY p.listed_at DESC NULLS LAST, p.id
        LIMIT $1 OFFSET $2`,
      [DCAT_PAGE_SIZE, (page - 1) * DCAT_PAGE_SIZE],
    );
    const self = `${this.base}/api/catalog/dcat`;
    const pages = Math.max(1, Math.ceil(total / DCAT_PAGE_SIZE));
    const body = {
      '@context': CONTEXT,
      '@id': self,
      '@type': 'dcat:Catalog',
      'dct:title': [ko('제조 데이터 거래소'), en('Manufacturing Data Exchange')],
      'dct:description': [
        ko('제조 중소기업이 공장에서 모은 데이터를 가공해 판매하는 데이터 상품의 목록입니다.'),
        en('Data products made from the data manufacturing SMEs collect in their plants.'),
      ],
      'dct:publisher': this.operator(),
      'foaf:homepage': { '@id': this.base, '@type': 'foaf:Document' },
      'dct:language': {
        '@id': 'http://publications.europa.eu/resource/authority/language/KOR',
        '@type': 'dct:LinguisticSystem',
      },
      'dcat:themeTaxonomy': {
        '@id': 'http://publications.europa.eu/resource/authority/data-theme',
        '@type': 'skos:ConceptScheme',
        'dct:title': en('Data theme'),
      },
      'dct:modified': dateTime(lastModified ?? new Date(0)),
      'dcat:dataset': rows.map((r) => this.dataset(r)),
      'hydra:view': {
        '@id': `${self}?page=${page}`,
        '@type': 'hydra:PartialCollectionView',
        'hydra:totalItems': { '@value': total, '@type': 'xsd:nonNegativeInteger' },
        'hydra:first': { '@id': `${self}?page=1` },
        'hydra:last': { '@id': `${self}?page=${pages}` },
        ...(page > 1 && { 'hydra:previous': { '@id': `${self}?page=${page - 1}` } }),
        ...(page < pages && { 'hydra:next': { '@id': `${self}?page=${page + 1}` } }),
      },
    };
    const modified = lastModified ? new Date(lastModified) : new Date(0);
    return {
      body,
      etag: `W/"dcat-${page}-${total}-${modified.getTime()}"`,
      lastModified: modified,
    };
  }

  private operator() {
    return {
      '@id': `${this.base}/#operator`,
      '@type': 'foaf:Agent',
      'foaf:name': [ko('제조 데이터 거래소 운영기관'), en('Manufacturing Data Exchange operator')],
    };
  }

  private dataset(r: Row) {
    const page = `${this.base}/products/${r.id}`;
    const [typeKo, typeEn] = DATA_TYPE_NAMES[r.dataType as DataType] ?? [r.dataType, r.dataType];
    return {
      '@id': page,
      '@type': 'dcat:Dataset',
      'dct:identifier': r.id,
      'dct:title': ko(r.title),
      'dct:description': ko(r.description.trim() || r.title),
      'dct:publisher': {
        '@id': `${this.base}/api/catalog/dcat#seller-${r.sellerId}`,
        '@type': 'foaf:Agent',
        'foaf:name': ko(r.sellerName),
      },
      'dcat:keyword': [
        ...r.tags.map(ko),
        ko(typeKo),
        en(typeEn),
        ko('제조 데이터'),
        en('manufacturing data'),
      ],
      'dcat:theme': EU_THEMES.map(([id, label]) => ({
        '@id': id,
        '@type': 'skos:Concept',
        'skos:prefLabel': en(label),
        'skos:inScheme': { '@id': 'http://publications.europa.eu/resource/authority/data-theme' },
      })),
      'dct:issued': dateTime(new Date(r.firstListedAt)),
      'dct:modified': dateTime(new Date(r.updatedAt)),
      'dcat:landingPage': { '@id': page, '@type': 'foaf:Document' },
      'owl:versionInfo': String(r.version),
      'dcat:distribution': [
        {
          '@id': `${page}#distribution`,
          '@type': 'dcat:Distribution',
          'dcat:accessURL': { '@id': page, '@type': 'rdfs:Resource' },
          'dct:title': ko(`${r.title} v${r.version}`),
          'dct:description': [
            ko(
              `파일 ${r.fileCount}개, ${Number(r.rowCount).toLocaleString('ko-KR')}행, 가격 ${Number(r.priceKrw).toLocaleString('ko-KR')}원(부가세 포함), 품질 점수 ${r.qualityScore ?? '—'}. 구매 후 내려받을 수 있습니다.`,
            ),
            en(
              `${r.fileCount} file(s), ${Number(r.rowCount).toLocaleString('en-US')} rows, ${Number(r.priceKrw).toLocaleString('en-US')} KRW including VAT, quality score ${r.qualityScore ?? '—'}. Downloadable once bought.`,
            ),
          ],
          'dct:license': {
            '@id': `${this.base}/api/licences#${r.licenceCode}`,
            '@type': 'dct:LicenseDocument',
            'dct:title': [ko(r.licenceNameKo), en(r.licenceName)],
          },
          'dct:format': { '@id': CSV, '@type': 'dct:MediaTypeOrExtent' },
          'dcat:mediaType': {
            '@id': 'https://www.iana.org/assignments/media-types/text/csv',
            '@type': 'dct:MediaType',
          },
          'dcat:byteSize': { '@value': r.sizeBytes, '@type': 'xsd:nonNegativeInteger' },
        },
      ],
    };
  }

  /**
   * Products listed, revised and delisted, newest first (JSON Feed 1.1), from the outbox. `before`
   * pages back by event id.
   */
  async changes(before?: string): Promise<Feed> {
    const types = [
      EVENT_TYPES.PRODUCT_LISTED,
      EVENT_TYPES.PRODUCT_REVISED,
      EVENT_TYPES.PRODUCT_DELISTED,
    ];
    const rows: {
      id: string;
      type: string;
      subjectId: string;
      payload: { title?: string; version?: number };
      occurredAt: Date;
    }[] = await this.dataSource.query(
      `SELECT id, type, subject_id AS "subjectId", payload, occurred_at AS "occurredAt"
         FROM domain_events
        WHERE type = ANY($1::text[]) AND ($2::bigint IS NULL OR id < $2::bigint)
        ORDER BY id DESC LIMIT $3`,
      [types, before ?? null, CHANGES_PAGE_SIZE],
    );
    const [{ newest }] = await this.dataSource.query(
      `SELECT max(id)::text AS newest, max(occurred_at) AS "newestAt" FROM domain_events WHERE type = ANY($1::text[])`,
      [types],
    );
    const words: Record<string, [string, string]> = {
      [EVENT_TYPES.PRODUCT_LISTED]: ['등록', 'listed'],
      [EVENT_TYPES.PRODUCT_REVISED]: ['새 버전', 'revised'],
      [EVENT_TYPES.PRODUCT_DELISTED]: ['판매 중지', 'delisted'],
    };
    const self = `${this.base}/api/catalog/changes`;
    const body = {
      version: 'https://jsonfeed.org/version/1.1',
      title: '제조 데이터 거래소: 상품 변경 · Manufacturing Data Exchange: product changes',
      home_page_url: this.base,
      feed_url: self,
      language: 'ko',
      ...(rows.length === CHANGES_PAGE_SIZE && {
        next_url: `${self}?before=${rows.at(-1)!.id}`,
      }),
      items: rows.map((r) => {
        const [wKo, wEn] = words[r.type];
        const title = r.payload.title ?? '';
        return {
          id: r.id,
          url: `${this.base}/products/${r.subjectId}`,
          title: `${title} v${r.payload.version ?? ''}: ${wKo} · ${wEn}`,
          content_text: `${title} (v${r.payload.version ?? ''}) ${wKo} / ${wEn}`,
          date_published: new Date(r.occurredAt).toISOString(),
          _exchange: {
            change: r.type,
            productId: r.subjectId,
            version: r.payload.version ?? null,
          },
        };
      }),
    };
    const lastModified = rows[0] ? new Date(rows[0].occurredAt) : new Date(0);
    return { body, etag: `W/"changes-${before ?? 'top'}-${newest ?? 0}"`, lastModified };
  }
}
