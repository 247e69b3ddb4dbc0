import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../../platform/errors/domain-error.js';
import { LedgerService } from '../ledger/index.js';
import { Program } from '../programs/index.js';
import type { Sheet } from '../../platform/tables/tables.js';

const n = (v: unknown) => Number(v ?? 0);
/** Rows as SQL answered them, amounts (`…Krw`, bigint as text) as numbers, without `drop`. */
const amounts = (rows: Record<string, unknown>[], ...drop: string[]) =>
  rows.map((r) =>
    Object.fromEntries(
      Object.entries(r)
        .filter(([k]) => !drop.includes(k))
        .map(([k, v]) => [k, /Krw$/.test(k) ? n(v) : v]),
    ),
  );

/** Application statuses that count as selected against a call's target. */
const SELECTED = ['SELECTED', 'AGREEMENT', 'IN_PROGRESS', 'COMPLETED'];

/** What the operator runs the programs with. Money comes from the ledger, counts from the tables. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  /** A call's money from the ledger and its applications by status, selected against target. */
  private async standing(m: EntityManager, program: Program) {
    const budget = await this.ledger.programBalances(m, program.id);
    const statuses: { status: string; n: number }[] = await m.query(
      `SELECT status, count(*)::int AS n FROM applications WHERE program_id = $1 GROUP BY status ORDER BY status`,
      [program.id],
    );
    const selected = statuses
      .filter((s) => SELECTED.includes(s.status))
      .reduce((a, s) => a + s.n, 0);
    return { budget, statuses, selected };
  }

  /**
   * The operator's dashboard: every call's budget and selection, and what needs attention today
   * (Seoul): overdue milestones, vouchers with money left ending within 30 days, orders awaiting
   * payment and what sellers are owed.
   */
  async desk() {
    const m = this.dataSource.manager;
    const programs = await m.find(Program, { order: { applicationOpensAt: 'DESC' }, take: 20 });
    const calls = [];
    for (const program of programs) {
      const { budget, statuses, selected } = await this.standing(m, program);
      calls.push({
        programId: program.id,
        title: program.title,
        kind: program.kind,
        ...budget,
        applicationsByStatus: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
        selected,
        targetCount: program.targetCount,
      });
    }
    const today = `(now() AT TIME ZONE 'Asia/Seoul')::date`;
    const overdue: Record<string, unknown>[] = await m.query(
      `SELECT p.id AS "projectId", ms.name AS milestone, ms.planned_on::text AS "plannedOn",
              o.name AS "ownerName", po.name AS "processorName", count(*) OVER ()::int AS total
         FROM project_milestones ms JOIN processing_projects p ON p.id = ms.project_id
         JOIN organizations o ON o.id = p.owner_organization_id
         LEFT JOIN organizations po ON po.id = p.processor_organization_id
        WHERE ms.status <> 'ACCEPTED' AND p.status NOT IN ('CANCELLED', 'COMPLETED')
          AND ms.planned_on < ${today}
        ORDER BY ms.planned_on, o.name LIMIT 20`,
    );
    const expiring: Record<string, unknown>[] = await m.query(
      `SELECT v.id AS "voucherId", o.name AS "organizationName", v.valid_until::text AS "validUntil",
              sum(e.amount_krw)::bigint AS "availableKrw", count(*) OVER ()::int AS total,
              sum(sum(e.amount_krw)) OVER ()::bigint AS "totalKrw"
         FROM vouchers v JOIN organizations o ON o.id = v.organization_id
         JOIN ledger_entries e ON e.voucher_id = v.id AND e.account = 'VOUCHER_AVAILABLE'
        WHERE v.status = 'ACTIVE' AND v.valid_until BETWEEN ${today} AND ${today} + 30
        GROUP BY v.id, o.name HAVING sum(e.amount_krw) > 0
        ORDER BY v.valid_until, o.name LIMIT 20`,
    );
    const [awaiting] = await m.query(
      `SELECT count(*)::int AS count, coalesce(sum(buyer_krw), 0)::bigint AS "buyerKrw"
         FROM orders WHERE status = 'AWAITING_PAYMENT'`,
    );
    const [owed] = await m.query(
      `SELECT count(*)::int AS sellers, coalesce(sum(owed), 0)::bigint AS "owedKrw" FROM (
         SELECT organization_id, -sum(amount_krw) AS owed FROM ledger_entries
          WHERE account = 'SELLER_PAYABLE' GROUP BY organization_id HAVING -sum(amount_krw) > 0) s`,
    );
    return {
      programs: calls,
      overdueMilestones: { count: n(overdue[0]?.total), items: amounts(overdue, 'total') },
      expiringVouchers: {
        count: n(expiring[0]?.total),
        availableKrw: n(expiring[0]?.totalKrw),
        items: amounts(expiring, 'total', 'totalKrw'),
      },
      ordersAwaitingPayment: { count: awaiting.count, buyerKrw: n(awaiting.buyerKrw) },
      payoutsOwed: { sellers: owed.sellers, owedKrw: n(owed.owedKrw) },
    };
  }

  async program(programId: string) {
    const m = this.dataSource.manager;
    const program = await m.findOneBy(Program, { id: programId });
    if (!program) throw notFound('Program', programId);
    const { budget, statuses, selected } = await this.standing(m, program);
    const [vouchers] = await m.query(
      `SELECT count(*)::int AS issued,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ledger_entries e WHERE e.voucher_id = v.id AND e.account = 'PROGRAM_SPENT'))::int AS used,
              count(*) FILTER (WHERE v.status = 'EXPIRED')::int AS expired
         FROM vouchers v WHERE v.program_id = $1`,
      [programId],
    );
    const projects: { status: string; n: number }[] = await m.query(
      `SELECT status, count(*)::int AS n FROM processing_projects WHERE program_id = $1 GROUP BY status ORDER BY status`,
      [programId],
    );
    const milestones: { name: string; status: string; n: number; overdue: number }[] =
      await m.query(
        `SELECT ms.name, ms.status, count(*)::int AS n,
              count(*) FILTER (WHERE ms.status <> 'ACCEPTED' AND ms.planned_on < (now() AT TIME ZONE 'Asia/Seoul')::date)::int AS overdue
         FROM project_milestones ms JOIN processing_projects p ON p.id = ms.project_id
        WHERE p.program_id = $1 GROUP BY ms.name, ms.status, ms.position ORDER BY ms.position, ms.status`,
        [programId],
      );
    const report = {
      programId,
      title: program.title,
      kind: program.kind,
      ...budget,
      applicationsByStatus: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
      selected,
      targetCount: program.targetCount,
      vouchers: {
        issued: n(vouchers.issued),
        used: n(vouchers.used),
        expired: n(vouchers.expired),
      },
      projectsByStatus: Object.fromEntries(projects.map((p) => [p.status, p.n])),
      milestones,
      overdueMilestones: milestones.reduce((a, x) => a + x.overdue, 0),
    };
    const sheets: Sheet[] = [
      {
        name: '예산',
        columns: [
          { key: 'item', header: '항목' },
          { key: 'krw', header: '금액(원)' },
        ],
        rows: [
          { item: '총 예산 (budget)', krw: budget.budgetKrw },
          { item: '가용 (available)', krw: budget.availableKrw },
          { item: '약정 (committed)', krw: budget.committedKrw },
          { item: '집행 (spent)', krw: budget.spentKrw },
          { item: '환원 (released)', krw: budget.releasedKrw },
        ],
      },
      {
        name: '신청 현황',
        columns: [
          { key: 'status', header: '상태' },
          { key: 'n', header: '건수' },
        ],
        rows: [
          ...statuses,
          { status: `선정 합계 (목표 ${program.targetCount ?? '-'})`, n: selected },
        ],
      },
      {
        name: '바우처',
        columns: [
          { key: 'item', header: '항목' },
          { key: 'n', header: '건수' },
        ],
        rows: [
          { item: '발급', n: report.vouchers.issued },
          { item: '사용', n: report.vouchers.used },
          { item: '만료', n: report.vouchers.expired },
        ],
      },
      {
        name: '가공 과제',
        columns: [
          { key: 'name', header: '단계' },
          { key: 'status', header: '상태' },
          { key: 'n', header: '건수' },
          { key: 'overdue', header: '지연' },
        ],
        rows: milestones,
      },
    ];
    return { report, sheets };
  }

  async exchange() {
    const m = this.dataSource.manager;
    const [listings] = await m.query(
      `SELECT count(*) FILTER (WHERE status = 'LISTED')::int AS listed, count(*)::int AS total FROM products`,
    );
    const paid = `o.status = 'PAID'`;
    const byMonth: Record<string, unknown>[] = await m.query(
      `SELECT to_char(o.paid_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM') AS month, count(*)::int AS sales,
              sum(o.price_krw)::bigint AS "valueKrw", sum(o.voucher_krw)::bigint AS "voucherKrw", sum(o.buyer_krw)::bigint AS "ownKrw"
         FROM orders o WHERE ${paid} GROUP BY 1 ORDER BY 1`,
    );
    const byIndustry: Record<string, unknown>[] = await m.query(
      `SELECT coalesce(left(p.industry_code, 2), '-') AS division, count(*)::int AS sales, sum(o.price_krw)::bigint AS "valueKrw",
              sum(o.voucher_krw)::bigint AS "voucherKrw", sum(o.buyer_krw)::bigint AS "ownKrw"
         FROM orders o JOIN products p ON p.id = o.product_id WHERE ${paid} GROUP BY 1 ORDER BY 3 DESC`,
    );
    const top: Record<string, unknown>[] = await m.query(
      `SELECT p.id AS "productId", p.title, count(*)::int AS sales, sum(o.price_krw)::bigint AS "valueKrw"
         FROM orders o JOIN products p ON p.id = o.product_id WHERE ${paid} GROUP BY p.id, p.title ORDER BY 4 DESC, 3 DESC LIMIT 10`,
    );
    const processors: Record<string, unknown>[] = await m.query(
      `SELECT o.name, pm.projects_done AS "projectsDone" FROM pool_members pm JOIN organizations o ON o.id = pm.organization_id
        WHERE pm.status = 'ACTIVE' ORDER BY pm.projects_done DESC, o.name LIMIT 20`,
    );
    const totals = byMonth.reduce<{
      sales: number;
      valueKrw: number;
      voucherKrw: number;
      ownKrw: number;
    }>(
      (a, r) => ({
        sales: a.sales + n(r.sales),
        valueKrw: a.valueKrw + n(r.valueKrw),
        voucherKrw: a.voucherKrw + n(r.voucherKrw),
        ownKrw: a.ownKrw + n(r.ownKrw),
      }),
      { sales: 0, valueKrw: 0, voucherKrw: 0, ownKrw: 0 },
    );
    const report = {
      listings: { listed: listings.listed, total: listings.total },
      totals,
      byMonth: amounts(byMonth),
      byIndustry: amounts(byIndustry),
      topProducts: amounts(top),
      processors,
    };
    const money = [
      { key: 'sales', header: '판매 건수' },
      { key: 'valueKrw', header: '판매액(원)' },
      { key: 'voucherKrw', header: '바우처 부담(원)' },
      { key: 'ownKrw', header: '자부담(원)' },
    ];
    const sheets: Sheet[] = [
      {
        name: '월별 거래',
        columns: [{ key: 'month', header: '월' }, ...money],
        rows: report.byMonth,
      },
      {
        name: '업종별 거래',
        columns: [{ key: 'division', header: '업종(KSIC 중분류)' }, ...money],
        rows: report.byIndustry,
      },
      {
        name: '상위 상품',
        columns: [
          { key: 'title', header: '상품명' },
          { key: 'sales', header: '판매 건수' },
          { key: 'valueKrw', header: '판매액(원)' },
        ],
        rows: report.topProducts,
      },
      {
        name: '가공기업 실적',
        columns: [
          { key: 'name', header: '가공기업' },
          { key: 'projectsDone', header: '완료 과제' },
        ],
        rows: processors,
      },
    ];
    return { report, sheets };
  }
}
