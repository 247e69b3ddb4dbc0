import type { QualityReportView, QualitySummaryView } from './quality-report.dto.js';
import type { QualityReport } from './quality-report.entity.js';

/** A report as clients see it: the score as a number, files in full unless a summary is asked for. */
export function qualityReportView(r: QualityReport, options: { summary: true }): QualitySummaryView;
export function qualityReportView(
  r: QualityReport,
  options?: { summary?: false },
): QualityReportView;
export function qualityReportView(
  r: QualityReport,
  options: { summary?: boolean } = {},
): QualityReportView | QualitySummaryView {
  const header = {
    versionId: r.versionId,
    status: r.status,
    score: r.score === null ? null : Number(r.score),
    passScore: r.passScore,
    reasons: r.reasons,
    reasonsKo: r.reasonsKo,
    progress: r.progress,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
  if (options.summary)
    return {
      ...header,
      files: r.files.map((f) => ({
        fileId: f.fileId,
        name: f.name,
        kind: f.kind,
        rows: f.rows,
        score: f.score?.score ?? null,
        error: f.error,
        errorKo: f.errorKo ?? null,
      })),
    };
  return {
    ...header,
    files: r.files.map(({ previewKey, ...f }) => ({ ...f, hasPreview: Boolean(previewKey) })),
  };
}
