import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan } from 'typeorm';
import { OrgResolvers } from '../../platform/auth/org-resolvers.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { isUniqueViolation, Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { StoragePort, type StoredPart } from '../../platform/storage/storage.port.js';
import { AuditService } from '../audit/index.js';
import { DatasetFile } from './dataset-file.entity.js';
import { Dataset } from './dataset.entity.js';
import { DatasetsService } from './datasets.service.js';
import { fileView } from './dto/datasets.views.js';
import type { CompleteUploadDto, StartUploadDto } from './dto/dataset.dto.js';
import {
  chosenPlan,
  fileNameProblem,
  partLength,
  partPlan,
  partSizeProblem,
} from './upload-plan.js';

export const ABANDON_JOB = 'uploads.abandon';

/** No answer at all from storage (it is down, the network is cut), as opposed to a refusal. */
const unanswered = (err: unknown) =>
  !(err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/** The upload stays open when storage cannot be reached: complete it again later, or abort it. */
const storageUnreachable = () =>
  new DomainError(
    'SERVICE_UNAVAILABLE',
    'Storage is not reachable right now; the upload stays open: complete it again in a moment, or abort it.',
  );
const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

/**
 * Uploads straight to storage: the service starts an S3 multipart upload and hands out presigned
 * part URLs; the bytes never pass through the API. Completing checks the stored size and SHA-256.
 */
@Injectable()
export class UploadsService implements OnModuleInit {
  private readonly logger = new Logger('Uploads');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly datasets: DatasetsService,
    private readonly storage: StoragePort,
    private readonly audit: AuditService,
    private readonly resolvers: OrgResolvers,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.resolvers.register('upload', async (id) => {
      const [row] = await this.dataSource.query(
        `SELECT d.organization_id AS "organizationId" FROM dataset_files f
           JOIN dataset_versions v ON v.id = f.version_id JOIN datasets d ON d.id = v.dataset_id WHERE f.id = $1`,
        [id],
      );
      return row?.organizationId;
    });
    this.jobs.work(ABANDON_JOB, () => this.abandonStale().then(() => undefined), 1, {
      pollSeconds: 5,
    });
    this.jobs.schedule(ABANDON_JOB, '*/15 * * * *');
  }

  async start(datasetId: string, versionNumber: number, dto: StartUploadDto, actorId: string) {
    const name = dto.name.normalize('NFC');
    const problem = fileNameProblem(name);
    if (problem)
      throw new DomainError('VALIDATION_FAILED', `File name "${dto.name}" ${problem}.`, {
        details: [{ field: 'name', problems: [problem] }],
      });
    if (dto.sizeBytes > this.config.uploads.maxBytes)
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        `Files may be at most ${mib(this.config.uploads.maxBytes)}; this one is ${mib(dto.sizeBytes)}.`,
      );
    const { partSizeBytes, partCount } = this.plan(dto);
    const version = await this.datasets.findVersion(
      this.dataSource.manager,
      datasetId,
      versionNumber,
    );
    if (version.status !== 'DRAFT')
      throw new DomainError(
        'VERSION_SEALED',
        `Version ${versionNumber} is sealed; files can only be added to a draft. Make a new version.`,
      );

    const id = randomUUID();
    const storageKey = `datasets/${datasetId}/${version.id}/${id}`;
    const partSha256 = dto.partSha256 ?? null;
    const multipartId = await this.storage.startMultipart(storageKey, dto.contentType, {
      sizeBytes: dto.sizeBytes,
      partSizeBytes,
      checksums: Boolean(partSha256),
    });
    try {
      await this.tx.run(async (m) => {
        const locked = await this.datasets.findVersion(m, datasetId, versionNumber, true);
        if (locked.status !== 'DRAFT')
          throw new DomainError('VERSION_SEALED', `Version ${versionNumber} was sealed meanwhile.`);
        await m.insert(DatasetFile, {
          id,
          versionId: version.id,
          name,
          storageKey,
          sizeBytes: BigInt(dto.sizeBytes),
          sha256: dto.sha256,
          contentType: dto.contentType,
          status: 'UPLOADING',
          multipartId,
          partSizeBytes: BigInt(partSizeBytes),
          partCount,
          partSha256,
          uploadedBy: actorId,
        });
        const dataset = await m.findOneByOrFail(Dataset, { id: datasetId });
        await this.audit.record(m, {
          action: 'dataset.upload_started',
          entityType: 'dataset',
          entityId: datasetId,
          organizationId: dataset.organizationId,
          details: { fileId: id, name, sizeBytes: dto.sizeBytes, version: versionNumber },
        });
      });
    } catch (err) {
      await this.storage.abortMultipart(storageKey, multipartId).catch(() => undefined);
      if (isUniqueViolation(err, 'UQ_dataset_files_name'))
        throw new DomainError(
          'CONFLICT',
          `Version ${versionNumber} already has a file named "${name}"; rename it or abort the other upload.`,
        );
      throw err;
    }
    const ttl = this.config.uploads.urlTtlSeconds;
    const parts = await Promise.all(
      Array.from({ length: partCount }, async (_, i) => ({
        partNumber: i + 1,
        ...(await this.storage.presignPart(
          storageKey,
          multipartId,
          {
            partNumber: i + 1,
            contentLength: partLength(dto.sizeBytes, partSizeBytes, i + 1),
            sha256: partSha256?.[i],
          },
          ttl,
        )),
      })),
    );
    return {
      uploadId: id,
      name,
      partSizeBytes,
      partCount,
      expiresAt: new Date(Date.now() + ttl * 1000),
      parts,
    };
  }

  /** The parts a file is split into: the uploader's part size when it chose one, else ours. */
  private plan(dto: StartUploadDto) {
    const refuse = (field: string, problem: string, ko: string) =>
      new DomainError('VALIDATION_FAILED', `${field} ${problem}.`, {
        messageKo: `${field}: ${ko}`,
        details: [{ field, problems: [problem] }],
      });
    if (dto.partSizeBytes !== undefined) {
      const problem = partSizeProblem(dto.sizeBytes, dto.partSizeBytes);
      if (problem)
        throw refuse(
          'partSizeBytes',
          problem,
          '파트 크기는 MiB 단위로 5 MiB에서 5 GiB 사이여야 하고, 파트가 10,000개를 넘지 않아야 합니다.',
        );
    }
    const plan =
      dto.partSizeBytes === undefined
        ? partPlan(dto.sizeBytes)
        : chosenPlan(dto.sizeBytes, dto.partSizeBytes);
    if (dto.partSha256 && dto.partSha256.length !== plan.partCount)
      throw refuse(
        'partSha256',
        `must hold one SHA-256 for each of the ${plan.partCount} part(s) of ${mib(plan.partSizeBytes)}, not ${dto.partSha256.length}`,
        `${mib(plan.partSizeBytes)} 파트 ${plan.partCount}개마다 SHA-256이 하나씩 있어야 합니다 (받은 것 ${dto.partSha256.length}개).`,
      );
    return plan;
  }

  /**
   * Completes the multipart upload and checks what was stored. With part checksums, storage
   * checked each part as it arrived: the parts it lists must carry the declared SHA-256s, and
   * nothing is read back (the whole file's SHA-256 is checked by the quality job's one read).
   * Without them, the stored object is read back and hashed.
   */
  async complete(uploadId: string, dto: CompleteUploadDto) {
    const file = await this.tx.run(async (m) => {
      const f = await m.findOne(DatasetFile, {
        where: { id: uploadId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!f) throw notFound('Upload', uploadId);
      if (f.status !== 'UPLOADING')
        throw new DomainError(
          'CONFLICT',
          `Upload ${uploadId} is ${f.status.toLowerCase()}; only an upload in progress can be completed.`,
        );
      await m.update(DatasetFile, { id: uploadId }, { status: 'VERIFYING' });
      return f;
    });
    const backToUploading = () =>
      this.dataSource
        .getRepository(DatasetFile)
        .update({ id: uploadId, status: 'VERIFYING' }, { status: 'UPLOADING' });

    const numbers = dto.parts.map((p) => p.partNumber);
    const expected = Array.from({ length: file.partCount }, (_, i) => i + 1);
    if (
      numbers.length !== expected.length ||
      [...numbers].sort((a, b) => a - b).some((n, i) => n !== expected[i])
    ) {
      await backToUploading();
      throw new DomainError(
        'VALIDATION_FAILED',
        `Send the ETag of every part 1 to ${file.partCount}, each once; got parts ${numbers.join(', ') || 'none'}.`,
      );
    }
    // Which parts storage holds, before asking it to join them: a part never uploaded, or of
    // another length than planned, is named to the uploader and storage is not asked to complete.
    const stored = await this.storedParts(file).catch(async (err) => {
      await backToUploading();
      throw err;
    });
    const incomplete = this.partsProblem(file, stored);
    if (incomplete) {
      await backToUploading();
      throw new DomainError(
        'UPLOAD_INCOMPLETE',
        `Upload ${uploadId} is not complete: ${incomplete.en}. PUT those parts to their URLs, then complete again.`,
        {
          messageKo: `업로드가 끝나지 않았습니다 (${incomplete.ko}). 해당 파트를 다시 올린 뒤 완료해 주세요.`,
          details: incomplete.details,
        },
      );
    }
    // Parts storage checked against their declared SHA-256: a part it lists without one, or with
    // another, means the store does not check them, and the object is read back instead.
    const partsChecked =
      file.partSha256 !== null &&
      stored!.every(
        (p) => p.sha256 !== undefined && p.sha256 === file.partSha256![p.partNumber - 1],
      );
    const timing = { started: performance.now(), completed: 0 };
    try {
      await this.storage.completeMultipart(
        file.storageKey,
        file.multipartId!,
        [...dto.parts]
          .sort((a, b) => a.partNumber - b.partNumber)
          .map((p) => ({ ...p, sha256: file.partSha256?.[p.partNumber - 1] })),
      );
    } catch (err) {
      await backToUploading();
      if (unanswered(err)) throw storageUnreachable();
      throw new DomainError(
        'VALIDATION_FAILED',
        `Storage refused to complete the upload (${(err as Error).name}): check that every part was uploaded and its ETag sent as storage returned it.`,
      );
    }

    timing.completed = performance.now();
    const problem = await this.verifyStored(file, partsChecked);
    this.logger.debug(
      `upload ${uploadId}: storage completed in ${Math.round(timing.completed - timing.started)} ms, verified in ${Math.round(performance.now() - timing.completed)} ms`,
    );
    await this.tx.run(async (m) => {
      await m.update(
        DatasetFile,
        { id: uploadId },
        problem
          ? { status: 'FAILED', failureReason: problem, multipartId: null, completedAt: new Date() }
          : { status: 'AVAILABLE', multipartId: null, completedAt: new Date() },
      );
      const dataset = await m.query(
        `SELECT d.id, d.organization_id AS "organizationId" FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE v.id = $1`,
        [file.versionId],
      );
      await this.audit.record(m, {
        action: problem ? 'dataset.upload_rejected' : 'dataset.upload_completed',
        entityType: 'dataset',
        entityId: dataset[0].id,
        organizationId: dataset[0].organizationId,
        details: { fileId: uploadId, name: file.name, ...(problem && { reason: problem }) },
      });
    });
    if (problem) {
      await this.storage.delete(file.storageKey).catch(() => undefined);
      throw new DomainError(
        'CHECKSUM_MISMATCH',
        `${problem} The stored copy was deleted; upload the file again.`,
        {
          messageKo:
            '업로드한 파일이 신고한 크기 또는 SHA-256과 다릅니다. 저장본을 삭제했으니 다시 업로드해 주세요.',
        },
      );
    }
    return fileView(
      await this.dataSource.getRepository(DatasetFile).findOneByOrFail({ id: uploadId }),
    );
  }

  /** The parts storage holds for an upload; undefined when it no longer knows the upload. */
  private storedParts(file: DatasetFile) {
    return this.storage.listParts(file.storageKey, file.multipartId!).catch((err: unknown) => {
      throw unanswered(err) ? storageUnreachable() : err;
    });
  }

  /** What is wrong with the stored parts of an upload, or undefined when every part is there. */
  private partsProblem(file: DatasetFile, stored: StoredPart[] | undefined) {
    if (!stored)
      return {
        en: 'storage no longer knows this upload; start it again',
        ko: '저장소에 업로드 정보가 없습니다. 다시 시작해 주세요',
        details: { missingParts: [] as number[], wrongSizeParts: [] as number[] },
      };
    const size = Number(file.sizeBytes);
    const partSize = Number(file.partSizeBytes);
    const byNumber = new Map(stored.map((p) => [p.partNumber, p.sizeBytes]));
    const missingParts: number[] = [];
    const wrongSizeParts: number[] = [];
    for (let n = 1; n <= file.partCount; n++) {
      const got = byNumber.get(n);
      if (got === undefined) missingParts.push(n);
      else if (got !== partLength(size, partSize, n)) wrongSizeParts.push(n);
    }
    if (!missingParts.length && !wrongSizeParts.length) return undefined;
    const en = [
      missingParts.length && `part(s) ${missingParts.join(', ')} were never uploaded`,
      wrongSizeParts.length &&
        `part(s) ${wrongSizeParts.join(', ')} have another length than planned`,
    ]
      .filter(Boolean)
      .join('; ');
    const ko = [
      missingParts.length && `${missingParts.join(', ')}번 파트 없음`,
      wrongSizeParts.length && `${wrongSizeParts.join(', ')}번 파트 크기 다름`,
    ]
      .filter(Boolean)
      .join(', ');
    return { en, ko, details: { missingParts, wrongSizeParts } };
  }

  /**
   * Null when the stored object has the declared size and SHA-256; otherwise what differs. When
   * storage checked every part's SHA-256, the size is all that is left to check here.
   */
  private async verifyStored(file: DatasetFile, partsChecked: boolean): Promise<string | null> {
    const head = await this.storage.head(file.storageKey);
    const expectedSize = Number(file.sizeBytes);
    if (!head) return 'The stored object is missing.';
    if (head.sizeBytes !== expectedSize)
      return `The stored object has ${head.sizeBytes} bytes, not the declared ${expectedSize}.`;
    if (partsChecked) return null;
    const hash = createHash('sha256');
    for await (const chunk of await this.storage.read(file.storageKey))
      hash.update(chunk as Buffer);
    const actual = hash.digest('hex');
    return actual === file.sha256
      ? null
      : `The stored object's SHA-256 is ${actual}, not the declared ${file.sha256}.`;
  }

  async abort(uploadId: string) {
    const file = await this.tx.run(async (m) => {
      const f = await m.findOne(DatasetFile, {
        where: { id: uploadId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!f) throw notFound('Upload', uploadId);
      if (f.status !== 'UPLOADING')
        throw new DomainError(
          'CONFLICT',
          `Upload ${uploadId} is ${f.status.toLowerCase()}; only an upload in progress can be aborted.`,
        );
      await m.update(
        DatasetFile,
        { id: uploadId },
        { status: 'ABORTED', multipartId: null, completedAt: new Date() },
      );
      return f;
    });
    await this.storage.abortMultipart(file.storageKey, file.multipartId!).catch(() => undefined);
  }

  /** Removes a file from a draft version (the stored object goes too). */
  async removeFile(datasetId: string, versionNumber: number, fileId: string) {
    const file = await this.tx.run(async (m) => {
      const version = await this.datasets.findVersion(m, datasetId, versionNumber, true);
      if (version.status !== 'DRAFT')
        throw new DomainError(
          'VERSION_SEALED',
          `Version ${versionNumber} is sealed; its files cannot change.`,
        );
      const f = await m.findOne(DatasetFile, {
        where: { id: fileId, versionId: version.id, status: In(['AVAILABLE', 'FAILED']) },
      });
      if (!f) throw notFound('File', fileId);
      await m.update(DatasetFile, { id: fileId }, { status: 'ABORTED' });
      return f;
    });
    await this.storage.delete(file.storageKey).catch(() => undefined);
  }

  /** Aborts uploads left unfinished past the deadline, and any object they left behind. */
  async abandonStale(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.uploads.abandonHours * 3_600_000);
    const stale = await this.dataSource
      .getRepository(DatasetFile)
      .find({ where: { status: In(['UPLOADING', 'VERIFYING']), createdAt: LessThan(cutoff) } });
    for (const f of stale) {
      const claimed = await this.dataSource.getRepository(DatasetFile).update(
        { id: f.id, status: f.status },
        {
          status: 'ABORTED',
          failureReason: 'abandoned: not completed in time',
          multipartId: null,
        },
      );
      if (!claimed.affected) continue;
      if (f.multipartId)
        await this.storage.abortMultipart(f.storageKey, f.multipartId).catch(() => undefined);
      await this.storage.delete(f.storageKey).catch(() => undefined);
    }
    if (stale.length) this.logger.log(`aborted ${stale.length} abandoned upload(s)`);
    return stale.length;
  }
}
