import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../platform/errors/domain-error.js';
import type { Sheet } from '../../platform/tables/tables.js';
import { seoulToday } from '../../platform/time/seoul-date.js';
import type { UsageMonthView, UsageReportView } from './dto/usage.views.js';

/** The longest range one report covers: five years of months. */
const MAX_MONTHS = 60;

/** `YYYY-MM` → its first day; the range's default is the last 12 months to this one. */
export function monthRange(from: string | undefined, to: string | undefined, now = new Date()) {
  const thisMonth = seoulToday(now).slice(0, 7);
  const end = to ?? thisMonth;
  const [y, m] = end.split('-').map(Number);
  const start = from ?? new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 7);
  const months =
    (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 +
    Number(end.slice(5)) -
    Number(start.slice(5)) +
    1;
  if (months < 1)
    throw new DomainError('VALIDATION_FAILED', `from (${start}) must not be after to (${end}).`, {
      messageKo: `시작 월(${start})이 끝 월(${end})보다 늦을 수 없습니다.`,
    });
  if (months > MAX_MONTHS)
    throw new DomainError('VALIDATION_FAILED', `At most ${MAX_MONTHS} months at once.`, {
      messageKo: `한 번에 최대 ${MAX_MONTHS}개월까지 볼 수 있습니다.`,
    });
  return { from: start, to: end };
}

/**
 * The figures per month, for one product or the whole exchange: views and search from the
 * counter's rows, access requests and paid orders (with their money) from their own tables.
 * `products` is the SQL that picks the products counted.
 */
const MONTHS_SQL = (products: string) => `
  WITH picked AS (${products}),
  months AS (
    SELECT generate_series($1::date, $2::date, interval '1 month')::date AS month
  ),
  seen AS (
    SELECT u.month, sum(u.views)::int AS views, sum(u.search_impressions)::int AS "searchImpressions",
           sum(u.search_clicks)::int AS "searchClicks", sum(u.sample_previews)::int AS "samplePreviews"
      FROM product_usage_monthly u JOIN picked p ON p.id = u.product_id
     WHERE u.month BETWEEN $1::date AND $2::date
     GROUP BY u.month
  ),
  asked AS (
    SELECT date_trunc('month', r.created_at AT TIME ZONE 'Asia/Seoul')::date AS month, count(*)::int AS n
      FROM access_requests r JOIN picked p ON p.id = r.product_id
     GROUP BY 1
  ),
  sold AS (
    SELECT date_trunc('month', o.paid_at AT TIME ZONE 'Asia/Seoul')::date AS month,
           count(*)::int AS orders, sum(o.price_krw)::bigint AS revenue,
           sum(o.voucher_krw)::bigint AS voucher, sum(o.buyer_krw)::bigint AS own
      FROM orders o JOIN picked p ON p.id = o.product_id
     WHERE o.status = 'PAID'
     GROUP BY 1
  )
  SELECT to_char(m.month, 'YYYY-MM') AS month,
         coalesce(seen.views, 0) AS views,
         coalesce(seen."searchImpressions", 0) AS "searchImpressions",
         coalesce(seen."searchClicks", 0) AS "searchClicks",
         coalesce(seen."samplePreviews", 0) AS "samplePreviews",
         coalesce(asked.n, 0) AS "accessRequests",
         coalesce(sold.orders, 0) AS orders,
         coalesce(sold.revenue, 0)::text AS "revenueKrw",
         coalesce(sold.voucher, 0)::text AS "voucherKrw",
         coalesce(sold.own, 0)::text AS "ownKrw"
    FROM months m
    LEFT JOIN seen ON seen.month = m.month
    LEFT JOIN asked ON asked.month = m.month
    LEFT JOIN sold ON sold.month = m.month
   ORDER BY m.month`;

/** Paid orders in the range by the buyers' industry (KSIC division) and size class: counts, never names. */
const BUYERS_SQL = (products: string, by: string) => `
  WITH picked AS (${products})
  SELECT ${by} AS key, count(*)::int AS orders, count(DISTINCT o.buyer_organization_id)::int AS buyers,
         sum(o.price_krw)::text AS "revenueKrw"
    FROM orders o JOIN picked p ON p.id = o.product_id
    JOIN organizations b ON b.id = o.buyer_organization_id
   WHERE o.status = 'PAID'
     AND (o.paid_at AT TIME ZONE 'Asia/Seoul')::date BETWEEN $1::date AND ($2::date + interval '1 month' - interval '1 day')::date
   GROUP BY 1 ORDER BY orders DESC, key`;

const ONE_PRODUCT = `SELECT id FROM products WHERE id = $3`;
const EVERY_PRODUCT = `SELECT id FROM products`;
/** The products a program made (processing support) or that its vouchers bought (purchase support). */
const OF_PROGRAM = `
  SELECT p.id FROM products p JOIN processing_projects pp ON pp.id = p.processing_project_id
   WHERE pp.program_id = $3
  UNION
  SELECT o.product_id FROM orders o JOIN vouchers v ON v.id = o.voucher_id WHERE v.program_id = $3`;

const COLUMNS: { key: keyof UsageMonthView; header: string }[] = [
  { key: 'month', header: '월 (month)' },
  { key: 'views', header: '상세 조회 (views)' },
  { key: 'searchImpressions', header: '검색 노출 (search impressions)' },
  { key: 'searchClicks', header: '검색 클릭 (search clicks)' },
  { key: 'samplePreviews', header: '샘플 미리보기 (sample previews)' },
  { key: 'accessRequests', header: '이용 신청 (access requests)' },
  { key: 'orders', header: '판매 건수 (orders)' },
  { key: 'revenueKrw', header: '판매 금액 (revenue, KRW)' },
  { key: 'voucherKrw', header: '바우처 (voucher, KRW)' },
  { key: 'ownKrw', header: '자부담 (own share, KRW)' },
];
const BUYER_COLUMNS = (first: string) => [
  { key: 'key', header: first },
  { key: 'buyers', header: '구매 기관 수 (buyers)' },
  { key: 'orders', header: '판매 건수 (orders)' },
  { key: 'revenueKrw', header: '판매 금액 (revenue, KRW)' },
];

/** Usage figures for a product's seller and for the operators; the sheets are the same figures for CSV and Excel. */
@Injectable()
export class UsageFigures {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async product(productId: string, from?: string, to?: string) {
    return this.report(ONE_PRODUCT, [productId], { from, to, scope: { productId } });
  }

  async exchange(programId: string | undefined, from?: string, to?: string) {
    if (programId) {
      const [program] = await this.dataSource.query(`SELECT id FROM programs WHERE id = $1`, [
        programId,
      ]);
      if (!program)
        throw new DomainError('NOT_FOUND', `There is no program ${programId}.`, {
          messageKo: '지원사업을 찾을 수 없습니다.',
        });
    }
    return programId
      ? this.report(OF_PROGRAM, [programId], { from, to, scope: { programId } })
      : this.report(EVERY_PRODUCT, [], { from, to, scope: {} });
  }

  private async report(
    products: string,
    params: string[],
    o: { from?: string; to?: string; scope: { productId?: string; programId?: string } },
  ): Promise<{ report: UsageReportView; sheets: Sheet[] }> {
    const range = monthRange(o.from, o.to);
    const args = [`${range.from}-01`, `${range.to}-01`, ...params];
    const [rows, byIndustry, byCategory] = await Promise.all([
      this.dataSource.query(MONTHS_SQL(products), args),
      this.dataSource.query(BUYERS_SQL(products, 'left(b.industry_code, 2)'), args),
      this.dataSource.query(BUYERS_SQL(products, 'b.category'), args),
    ]);
    const won = (r: Record<string, unknown>) => ({ ...r, revenueKrw: Number(r.revenueKrw) });
    const industries = byIndustry.map(won);
    const categories = byCategory.map(won);
    const months: UsageMonthView[] = rows.map((r: Record<string, unknown>) => ({
      ...(r as unknown as UsageMonthView),
      revenueKrw: Number(r.revenueKrw),
      voucherKrw: Number(r.voucherKrw),
      ownKrw: Number(r.ownKrw),
    }));
    const report: UsageReportView = {
      ...o.scope,
      from: range.from,
      to: range.to,
      months,
      buyers: {
        byIndustry: industries.map(({ key, ...rest }: Record<string, unknown>) => ({
          industryDivision: key,
          ...rest,
        })),
        byCategory: categories.map(({ key, ...rest }: Record<string, unknown>) => ({
          category: key,
          ...rest,
        })),
      } as UsageReportView['buyers'],
    };
    const sheets: Sheet[] = [
      { name: '월별 이용 현황 (usage by month)', columns: COLUMNS, rows: months },
      {
        name: '구매 기관 업종 (buyers by industry)',
        columns: BUYER_COLUMNS('KSIC 대분류 (industry division)'),
        rows: industries,
      },
      {
        name: '구매 기관 규모 (buyers by size)',
        columns: BUYER_COLUMNS('기관 구분 (category)'),
        rows: categories,
      },
    ];
    return { report, sheets };
  }
}
