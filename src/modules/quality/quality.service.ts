import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { StoragePort } from '../../platform/storage/storage.port.js';
import { DatasetFile } from '../datasets/dataset-file.entity.js';
import { DatasetVersion } from '../datasets/dataset-version.entity.js';
import { QUALITY_JOB } from '../datasets/datasets.service.js';
import { profileFile } from './profile-file.js';
import { TableProfiler } from './profiler.js';
import { QualityReport } from './quality-report.entity.js';
import type { FileReport } from './report.types.js';
import { overallScore } from './scoring.js';

const MAX_ATTEMPTS = 3;

/**
 * Quality verification of sealed versions, run by the job queue: every file is read from
 * storage, profiled, and the report stored with the version. A broken file makes a FAILED report
 * that says why; only storage or database trouble makes the job retry.
 */
@Injectable()
export class QualityService implements OnModuleInit {
  private readonly logger = new Logger('Quality');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: StoragePort,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.work<{ versionId: string }>(QUALITY_JOB, ({ versionId }) => this.verify(versionId));
  }

  async verify(versionId: string): Promise<void> {
    const reports = this.dataSource.getRepository(QualityReport);
    const report = await reports.findOneBy({ versionId });
    if (!report || report.status === 'PASSED' || report.status === 'FAILED') return;
    const version = await this.dataSource
      .getRepository(DatasetVersion)
      .findOneByOrFail({ id: versionId });
    const files = await this.dataSource
      .getRepository(DatasetFile)
      .find({ where: { versionId, status: 'AVAILABLE' }, order: { name: 'ASC' } });
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
      profiler = await TableProfiler.open(dir);
      const results: FileReport[] = [];
      for (const [i, file] of files.entries()) {
        await reports.update(
          { versionId },
          { progress: { filesDone: i, filesTotal: files.length, current: file.name } },
        );
        const localPath = path.join(dir, file.id);
        await pipeline(await this.storage.read(file.storageKey), createWriteStream(localPath));
        const previewPath = path.join(dir, `${file.id}.preview.csv`);
        const { previewWritten, ...result } = await profileFile(profiler, {
          fileId: file.id,
          name: file.name,
          localPath,
          schema: version.schema ?? [],
          previewPath,
        });
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
      const reasons = [
        ...results.filter((r) => r.error).map((r) => `${r.name}: ${r.error}`),
        ...(score !== null && score < report.passScore
          ? [`The score ${score} is below the pass score ${report.passScore}.`]
          : []),
      ];
      await reports.update(
        { versionId },
        {
          status: reasons.length ? 'FAILED' : 'PASSED',
          score: score === null ? null : score.toFixed(1),
          files: results,
          reasons,
          finishedAt: new Date(),
          progress: { filesDone: files.length, filesTotal: files.length, current: null },
        },
      );
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
