import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { StoragePort } from '../../platform/storage/storage.port.js';
import { tap } from '../../platform/storage/tap.js';
import { emptyReport, profileFile } from './profile-file.js';
import { TableProfiler } from './profiler.js';
import { type QualityProgress, QualityReport } from './quality-report.entity.js';
import type { DeclaredColumn, FileReport } from './report.types.js';
import { overallScore } from './scoring.js';

const MAX_ATTEMPTS = 3;
/** Where each step of one file lies on its 0-100 progress: download, read, measure. */
const STEPS = { download: [0, 20], read: [20, 65], measure: [65, 100] } as const;

/** The job that verifies one sealed version. */
export const QUALITY_JOB = 'quality.verify';

/** What verification reads of a sealed version: its files, in storage, and its declared schema. */
export interface VersionContents {
  /** `sha256` is the whole file's, as declared at upload (hex). */
  files: { id: string; name: string; storageKey: string; sha256: string; sizeBytes: bigint }[];
  schema: DeclaredColumn[];
}

/**
 * Quality verification of sealed versions, and the one place that says whether a version passed.
 * `start` (in the seal's transaction) writes the PENDING report and queues the job; the job reads
 * every file from storage, profiles it, and stores the report. A broken file makes a FAILED report
 * that says why; only storage or database trouble makes the job retry. The files of a version are
 * read through the reader the datasets module registers (`readContentsWith`), so quality does not
 * reach into datasets' tables. `assertPassed` is what the catalog and processing projects ask.
 */
@Injectable()
export class QualityService implements OnModuleInit {
  private readonly logger = new Logger('Quality');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: StoragePort,
    private readonly jobs: JobQueue,
    private readonly tx: Transactions,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private contents?: (versionId: string) => Promise<VersionContents>;

  onModuleInit(): void {
    this.jobs.work<{ versionId: string }>(QUALITY_JOB, ({ versionId }) => this.verify(versionId));
  }

  /** How verification reads a version's files and schema (registered by the datasets module). */
  readContentsWith(reader: (versionId: string) => Promise<VersionContents>): void {
    this.contents = reader;
  }

  /** Starts verifying a version just sealed, in the seal's transaction: a report on its way. */
  async start(m: EntityManager, versionId: string, fileCount: number): Promise<void> {
    await m.insert(QualityReport, {
      versionId,
      status: 'PENDING',
      passScore: this.config.quality.passScore,
      progress: { filesDone: 0, filesTotal: fileCount },
    });
    await this.jobs.send(QUALITY_JOB, { versionId }, { manager: m, singletonKey: versionId });
  }

  /** The report of a version, or null before it is sealed. */
  reportOf(m: EntityManager, versionId: string): Promise<QualityReport | null> {
    return m.findOne(QualityReport, { where: { versionId } });
  }

  /** The reports of several versions. */
  reportsOf(m: EntityManager, versionIds: string[]): Promise<QualityReport[]> {
    return versionIds.length
      ? m.find(QualityReport, { where: { versionId: In(versionIds) } })
      : Promise.resolve([]);
  }

  /**
   * Refuses a version whose verification has not passed (409 QUALITY_NOT_PASSED), saying why:
   * the reasons it failed, or that it is still being verified. `label` names it: "Version 2",
   * "버전 2".
   * Answers the passed report.
   */
  async assertPassed(
    m: EntityManager,
    versionId: string,
    label: { en: string; ko: string },
  ): Promise<QualityReport> {
    const report = await this.reportOf(m, versionId);
    if (report?.status === 'PASSED') return report;
    throw new DomainError(
      'QUALITY_NOT_PASSED',
      report?.status === 'FAILED'
        ? `${label.en} failed quality verification (${report.reasons.join(' ')}); fix the data in a new version.`
        : `${label.en} is still being verified (${report?.status ?? 'PENDING'}); try again when its report has passed.`,
      {
        messageKo:
          report?.status === 'FAILED'
            ? `${label.ko}은(는) 품질 검증을 통과하지 못했습니다 (${(report.reasonsKo.length ? report.reasonsKo : report.reasons).join(' ')}). 새 버전에서 데이터를 고쳐 주세요.`
            : `${label.ko}은(는) 아직 품질 검증 중입니다 (${report?.status ?? 'PENDING'}). 보고서가 통과한 뒤 다시 시도해 주세요.`,
      },
    );
  }

  /**
   * Writes how far one file is to the report: `now` at once, `soon` at most once a second (a
   * large file reports as it goes without a write per chunk). Writes go one after another.
   */
  private progressOf(versionId: string, of: QualityProgress) {
    const reports = this.dataSource.getRepository(QualityReport);
    let chain = Promise.resolve();
    let last = 0;
    const write = (step: keyof typeof STEPS, fraction: number) => {
      last = Date.now();
      const [from, to] = STEPS[step];
      const percent = Math.round(from + (to - from) * Math.min(1, Math.max(0, fraction)));
      chain = chain
        .then(() => reports.update({ versionId }, { progress: { ...of, step, percent } }))
        .then(
          () => undefined,
          (err: unknown) => this.logger.warn({ err, versionId }, 'progress not written'),
        );
      return chain;
    };
    return {
      now: write,
      soon: (step: keyof typeof STEPS, fraction: number) => {
        if (Date.now() - last >= 1000) void write(step, fraction);
      },
      settled: () => chain,
    };
  }

  async verify(versionId: string): Promise<void> {
    const reports = this.dataSource.getRepository(QualityReport);
    const report = await reports.findOneBy({ versionId });
    if (!report || report.status === 'PASSED' || report.status === 'FAILED') return;
    if (!this.contents) throw new Error('no reader of version contents is registered');
    const { files, schema } = await this.contents(versionId);
    await reports.update(
      { versionId },
      {
        status: 'RUNNING',
        startedAt: new Date(),
        attempts: report.attempts + 1,
        progress: { filesDone: 0, filesTotal: files.length, current: null },
      },
    );

    await mkdir(this.config.quality.workDir, { recursive: true });
    const dir = await mkdtemp(path.join(this.config.quality.workDir, 'quality-'));
    let profiler: TableProfiler | undefined;
    try {
      profiler = await TableProfiler.open(dir, this.config.quality.memoryLimit);
      const results: FileReport[] = [];
      for (const [i, file] of files.entries()) {
        const progress = this.progressOf(versionId, {
          filesDone: i,
          filesTotal: files.length,
          current: file.name,
        });
        await progress.now('download', 0);
        const began = performance.now();
        const localPath = path.join(dir, file.id);
        // The one read of the file: it is hashed on its way to disk, so its SHA-256 is checked
        // here rather than by a read of its own when the upload completed.
        const hash = createHash('sha256');
        const sizeBytes = Number(file.sizeBytes);
        let received = 0;
        await pipeline(
          await this.storage.read(file.storageKey),
          tap((chunk) => {
            hash.update(chunk);
            received += chunk.length;
            if (sizeBytes) progress.soon('download', received / sizeBytes);
          }),
          createWriteStream(localPath),
        );
        const sha256 = hash.digest('hex');
        const downloaded = performance.now();
        if (sha256 !== file.sha256) {
          results.push({
            ...emptyReport(file.id, file.name, received),
            error: `The stored file's SHA-256 is ${sha256}, not the ${file.sha256} declared when it was uploaded: these are not the bytes that were hashed. Upload the file again in a new version.`,
            errorKo: `저장된 파일의 SHA-256이 ${sha256}로, 올릴 때 밝힌 ${file.sha256}와 다릅니다: 해시를 계산한 그 바이트가 아닙니다. 새 버전에 파일을 다시 올려 주세요.`,
          });
          await rm(localPath, { force: true });
          await progress.settled();
          continue;
        }
        const previewPath = path.join(dir, `${file.id}.preview.csv`);
        const { previewWritten, ...result } = await profileFile(profiler, {
          fileId: file.id,
          name: file.name,
          localPath,
          schema,
          previewPath,
          onProgress: (step, fraction) => progress.soon(step, fraction),
        });
        await progress.settled();
        this.logger.debug(
          `${file.name}: ${Math.round(received / 1e6)} MB read from storage in ${Math.round(downloaded - began)} ms, measured in ${Math.round(performance.now() - downloaded)} ms`,
        );
        if (previewWritten) {
          result.previewKey = `previews/${versionId}/${file.id}.csv`;
          await this.storage.put(
            result.previewKey,
            await readFile(previewPath),
            'text/csv; charset=utf-8',
          );
        }
        results.push(result);
        await rm(localPath, { force: true });
        await rm(`${localPath}.utf8`, { force: true });
      }
      const score = overallScore(results);
      const broken = results.filter((r) => r.error);
      const low = score !== null && score < report.passScore;
      const reasons = [
        ...broken.map((r) => `${r.name}: ${r.error}`),
        ...(low ? [`The score ${score} is below the pass score ${report.passScore}.`] : []),
      ];
      const reasonsKo = [
        ...broken.map((r) => `${r.name}: ${r.errorKo ?? r.error}`),
        ...(low ? [`점수 ${score}점이 통과 기준 ${report.passScore}점보다 낮습니다.`] : []),
      ];
      const status = reasons.length ? 'FAILED' : 'PASSED';
      await this.tx.run(async (m) => {
        await m.update(
          QualityReport,
          { versionId },
          {
            status,
            score: score === null ? null : score.toFixed(1),
            files: results,
            reasons,
            reasonsKo,
            finishedAt: new Date(),
            progress: { filesDone: files.length, filesTotal: files.length, current: null },
          },
        );
        await this.events.publish(m, {
          type: EVENT_TYPES.VERSION_VERIFIED,
          subjectType: 'dataset_version',
          subjectId: versionId,
          payload: { status, score, reasons, reasonsKo },
        });
      });
      this.logger.log(
        `version ${versionId}: ${reasons.length ? 'FAILED' : 'PASSED'} (score ${score ?? 'n/a'})`,
      );
    } catch (err) {
      const attempts = report.attempts + 1;
      this.logger.error({ err, versionId, attempts }, 'quality verification stopped');
      if (attempts >= MAX_ATTEMPTS) {
        await reports.update(
          { versionId },
          {
            status: 'FAILED',
            reasons: [
              `Verification could not finish after ${attempts} attempts: ${(err as Error).message}`,
            ],
            reasonsKo: [
              `${attempts}번 시도했지만 검증을 마치지 못했습니다: ${(err as Error).message}`,
            ],
            finishedAt: new Date(),
          },
        );
        return;
      }
      await reports.update({ versionId }, { status: 'PENDING' });
      throw err; // the queue retries
    } finally {
      profiler?.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
}
