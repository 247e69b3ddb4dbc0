import type { ProgramKind } from './program-terms.js';

/** A call as the announcement gives it: what POST /api/programs takes, with the default terms. */
export interface CallTemplate {
  slug: string;
  kind: ProgramKind;
  title: string;
  description: string;
  announcedAt: string;
  applicationOpensAt: string;
  applicationClosesAt: string | null;
  evaluationStartsOn?: string;
  evaluationEndsOn?: string;
  selectionOn?: string;
  budgetKrw?: number;
  targetCount?: number;
}

/**
 * The three data-infrastructure calls of the 2024 integrated announcement (items 13-15). The
 * announcement gives months, not days: each window opens on the 1st and closes at the end of its
 * month (Asia/Seoul); selection is the last day of its month.
 */
export const CALLS_2024: CallTemplate[] = [
  {
    slug: '2024-processor-pool',
    kind: 'PROCESSOR_POOL',
    title: '2024년 제조데이터 상품 가공지원 가공기업 Pool 모집',
    description:
      '제조데이터 가공 능력(인력, 기술 등)을 보유한 가공기업 Pool을 확보하고, 제조데이터 상품 가공지원 과제 선정 시 데이터 보유기업에 매칭합니다. 선정규모: 미정(절대평가로 요건 적합 기업을 Pool에 등록).',
    announcedAt: '2023-12-01T00:00:00+09:00',
    applicationOpensAt: '2024-01-01T00:00:00+09:00',
    applicationClosesAt: '2024-02-01T00:00:00+09:00',
    evaluationStartsOn: '2024-02-01',
    evaluationEndsOn: '2024-02-29',
    selectionOn: '2024-02-29',
  },
  {
    slug: '2024-processing-support',
    kind: 'PROCESSING_SUPPORT',
    title: '2024년 제조데이터 상품 가공지원',
    description:
      '중소 제조기업 내 축적된 제조데이터를 AI·빅데이터 분석용으로 가공하고 품질을 검증하여 제조데이터 거래소에 상품으로 등록합니다. 지원규모: 12.5억원(25개 기업 내외). 지원조건: 최대 4개월, 0.5억원(총사업비의 80% 이내), 기업부담금 20% 이상(그중 10% 이상 현금).',
    announcedAt: '2024-02-01T00:00:00+09:00',
    applicationOpensAt: '2024-03-01T00:00:00+09:00',
    applicationClosesAt: '2024-04-01T00:00:00+09:00',
    evaluationStartsOn: '2024-04-01',
    evaluationEndsOn: '2024-06-14',
    selectionOn: '2024-06-30',
    budgetKrw: 1_250_000_000,
    targetCount: 25,
  },
  {
    slug: '2024-purchase-support',
    kind: 'PURCHASE_SUPPORT',
    title: '2024년 제조데이터 상품 구매지원',
    description:
      '제조데이터 거래소에 등록된 제조데이터 상품의 구매비용을 지원합니다. 지원규모: 2.5억원(25개사 내외). 중소·중견기업 최대 1천만원(총사업비의 80% 이내), 비영리기관 100% 이내. 수시 접수.',
    announcedAt: '2024-02-01T00:00:00+09:00',
    applicationOpensAt: '2024-02-01T00:00:00+09:00',
    applicationClosesAt: null,
    selectionOn: '2024-06-30',
    budgetKrw: 250_000_000,
    targetCount: 25,
  },
];
