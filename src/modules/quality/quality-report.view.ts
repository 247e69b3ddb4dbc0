import type { QualityReport } from './quality-report.entity.js';

/** A report as clients see it: the score as a number, files in full unless a summary is asked for. */
export function qualityReportView(r: QualityReport, options: { summary?: boolean } = {}) {
  return {
    versionId: r.versionId,
    status: r.status,
    score: r.score === null ? null : Number(r.score),
    passScore: r.passScore,
    reasons: r.reasons,
    progress: r.progress,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    files: options.summary
      ? r.files.map((f) => ({
          fileId: f.fileId,
          name: f.name,
          kind: f.kind,
          rows: f.rows,
          score: f.score?.score ?? null,
          error: f.error,
        }))
      : r.files.map(({ previewKey: _previewKey, ...f }) => ({
          ...f,
          hasPreview: Boolean(_previewKey),
        })),
  };
}
