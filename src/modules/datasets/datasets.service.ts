import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, ILike, In } from 'typeorm';
import { OrgResolvers } from '../../platform/auth/org-resolvers.js';
import { escapeLike } from '../../platform/database/like.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { StoragePort } from '../../platform/storage/storage.port.js';
import { AuditService } from '../audit/index.js';
import { qualityReportView, QualityService } from '../quality/index.js';
import { type DatasetDetailView, datasetView, versionView } from './dto/datasets.views.js';
import { DatasetFile } from './dataset-file.entity.js';
import { DatasetVersion } from './dataset-version.entity.js';
import { Dataset } from './dataset.entity.js';
import type { CreateDatasetDto, CreateVersionDto, DatasetQueryDto } from './dto/dataset.dto.js';

/** Datasets and their versions; uploads are in UploadsService, measuring in QualityService. */
@Injectable()
export class DatasetsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly quality: QualityService,
    private readonly storage: StoragePort,
    private readonly audit: AuditService,
    private readonly resolvers: OrgResolvers,
  ) {}

  onModuleInit(): void {
    this.resolvers.register(
      'dataset',
      async (id) =>
        (
          await this.dataSource
            .getRepository(Dataset)
            .findOne({ where: { id }, select: { organizationId: true } })
        )?.organizationId,
    );
    // What quality verification reads of a sealed version: its files and its declared schema.
    this.quality.readContentsWith(async (versionId) => {
      const version = await this.dataSource
        .getRepository(DatasetVersion)
        .findOneByOrFail({ id: versionId });
      const files = await this.dataSource
        .getRepository(DatasetFile)
        .find({ where: { versionId, status: 'AVAILABLE' }, order: { name: 'ASC' } });
      return { files, schema: version.schema ?? [] };
    });
  }

  async create(dto: CreateDatasetDto, actorId: string) {
    return this.tx.run(async (m) => {
      const dataset = await m.save(
        m.create(Dataset, {
          organizationId: dto.organizationId,
          title: dto.title,
          description: dto.description ?? '',
          industryCode: dto.industryCode ?? null,
          process: dto.process ?? null,
          equipment: dto.equipment ?? null,
          dataType: dto.dataType,
          timeRangeStart: dto.timeRangeStart ? new Date(dto.timeRangeStart) : null,
          timeRangeEnd: dto.timeRangeEnd ? new Date(dto.timeRangeEnd) : null,
          tags: dto.tags ?? [],
          createdBy: actorId,
        }),
      );
      await this.audit.record(m, {
        action: 'dataset.created',
        entityType: 'dataset',
        entityId: dataset.id,
        organizationId: dataset.organizationId,
        details: { title: dataset.title },
      });
      return datasetView(dataset);
    });
  }

  async listForOrganization(organizationId: string, query: DatasetQueryDto) {
    const [items, total] = await this.dataSource.getRepository(Dataset).findAndCount({
      where: {
        organizationId,
        ...(query.dataType && { dataType: query.dataType }),
        ...(query.q && { title: ILike(`%${escapeLike(query.q)}%`) }),
      },
      order: { createdAt: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: items.map(datasetView), total, page: query.page, pageSize: query.pageSize };
  }

  async findDataset(m: EntityManager, id: string): Promise<Dataset> {
    const dataset = await m.findOne(Dataset, { where: { id } });
    if (!dataset) throw notFound('Dataset', id, '데이터셋을 찾을 수 없습니다.');
    return dataset;
  }

  async findVersion(
    m: EntityManager,
    datasetId: string,
    version: number,
    lock = false,
  ): Promise<DatasetVersion> {
    const found = await m.findOne(DatasetVersion, {
      where: { datasetId, version },
      ...(lock && { lock: { mode: 'pessimistic_write' } }),
    });
    if (!found)
      throw notFound(
        `Version ${version} of dataset`,
        datasetId,
        '데이터셋 버전을 찾을 수 없습니다.',
      );
    return found;
  }

  async get(id: string): Promise<DatasetDetailView> {
    const m = this.dataSource.manager;
    const dataset = await this.findDataset(m, id);
    const versions = await m.find(DatasetVersion, {
      where: { datasetId: id },
      order: { version: 'ASC' },
    });
    const reports = await this.quality.reportsOf(
      m,
      versions.map((v) => v.id),
    );
    return {
      ...datasetView(dataset),
      versions: versions.map((v) => {
        const r = reports.find((x) => x.versionId === v.id);
        return {
          version: v.version,
          status: v.status,
          sealedAt: v.sealedAt,
          quality: r
            ? { status: r.status, score: r.score === null ? null : Number(r.score) }
            : null,
        };
      }),
    };
  }

  async createVersion(datasetId: string, dto: CreateVersionDto) {
    return this.tx.run(async (m) => {
      // Lock the dataset so two new versions cannot take the same number.
      await m.findOne(Dataset, { where: { id: datasetId }, lock: { mode: 'pessimistic_write' } });
      const [{ next }] = await m.query(
        `SELECT coalesce(max(version), 0) + 1 AS next FROM dataset_versions WHERE dataset_id = $1`,
        [datasetId],
      );
      const version = await m.save(
        m.create(DatasetVersion, {
          datasetId,
          version: Number(next),
          notes: dto.notes ?? null,
          schema: dto.schema ?? null,
          status: 'DRAFT',
        }),
      );
      const dataset = await this.findDataset(m, datasetId);
      await this.audit.record(m, {
        action: 'dataset.version_created',
        entityType: 'dataset',
        entityId: datasetId,
        organizationId: dataset.organizationId,
        details: { version: version.version },
      });
      return versionView(version);
    });
  }

  async getVersion(datasetId: string, versionNumber: number) {
    const m = this.dataSource.manager;
    const version = await this.findVersion(m, datasetId, versionNumber);
    const files = await m.find(DatasetFile, {
      where: { versionId: version.id },
      order: { name: 'ASC' },
    });
    const report = await this.quality.reportOf(m, version.id);
    return versionView(version, {
      files,
      quality: report ? qualityReportView(report, { summary: true }) : null,
    });
  }

  /**
   * Freezes a version for good and queues its quality verification in the same transaction, so a
   * sealed version always has a report on its way.
   */
  async seal(datasetId: string, versionNumber: number, actorId: string) {
    await this.tx.run(async (m) => {
      const version = await this.findVersion(m, datasetId, versionNumber, true);
      if (version.status === 'SEALED')
        throw new DomainError(
          'VERSION_SEALED',
          `Version ${versionNumber} is sealed already; make a new version for new files.`,
        );
      const files = await m.find(DatasetFile, {
        where: { versionId: version.id, status: In(['UPLOADING', 'VERIFYING', 'AVAILABLE']) },
      });
      const open = files.filter((f) => f.status !== 'AVAILABLE');
      if (open.length)
        throw new DomainError(
          'CONFLICT',
          `Finish or abort the uploads still open before sealing: ${open.map((f) => f.name).join(', ')}.`,
          {
            messageKo: '진행 중인 업로드를 완료하거나 취소한 뒤 봉인해 주세요.',
          },
        );
      if (!files.length)
        throw new DomainError(
          'CONFLICT',
          `Version ${versionNumber} has no files; upload at least one before sealing.`,
        );
      await m.update(
        DatasetVersion,
        { id: version.id },
        { status: 'SEALED', sealedAt: new Date(), sealedBy: actorId },
      );
      await this.quality.start(m, version.id, files.length);
      const dataset = await this.findDataset(m, datasetId);
      await this.audit.record(m, {
        action: 'dataset.version_sealed',
        entityType: 'dataset',
        entityId: datasetId,
        organizationId: dataset.organizationId,
        details: { version: versionNumber, files: files.length },
      });
    });
    return this.getVersion(datasetId, versionNumber);
  }

  async qualityReport(datasetId: string, versionNumber: number) {
    const version = await this.findVersion(this.dataSource.manager, datasetId, versionNumber);
    const report = await this.quality.reportOf(this.dataSource.manager, version.id);
    if (!report)
      throw notFound(
        'Quality report of version',
        String(versionNumber),
        '품질 검증 결과가 없습니다. 버전을 봉인하면 검증이 시작됩니다.',
      );
    return qualityReportView(report);
  }

  /** The public preview sample of one table file, as UTF-8 CSV. */
  async preview(datasetId: string, versionNumber: number, fileId: string): Promise<string> {
    const version = await this.findVersion(this.dataSource.manager, datasetId, versionNumber);
    const report = await this.quality.reportOf(this.dataSource.manager, version.id);
    const key = report?.files.find((f) => f.fileId === fileId)?.previewKey;
    if (!key) throw notFound('Preview of file', fileId, '미리보기가 없습니다.');
    const chunks: Buffer[] = [];
    for await (const chunk of await this.storage.read(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
