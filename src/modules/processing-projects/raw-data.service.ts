import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { DatasetFile, DatasetVersion, Dataset } from '../datasets/index.js';
import { StoragePort } from '../../platform/storage/storage.port.js';
import { ProcessingProject } from './project.entity.js';
import { ProjectRecords } from './project-records.service.js';

/** Raw data the owner shares with the matched processor, and the processor's downloads of it. */
@Injectable()
export class RawDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly storage: StoragePort,
    private readonly records: ProjectRecords,
  ) {}

  /** The owner shares one of its datasets with the project's processor. */
  async shareRawData(id: string, datasetId: string) {
    await this.tx.run(async (m) => {
      const project = await this.records.lock(m, id);
      const dataset = await m.findOne(Dataset, { where: { id: datasetId } });
      if (!dataset || dataset.organizationId !== project.ownerOrganizationId)
        throw new DomainError(
          'VALIDATION_FAILED',
          `Dataset ${datasetId} is not a dataset of the owner organization.`,
        );
      if (project.rawDatasetIds.includes(datasetId)) return;
      await m.update(
        ProcessingProject,
        { id },
        { rawDatasetIds: [...project.rawDatasetIds, datasetId] },
      );
      await this.records.event(m, id, 'raw_data.shared', null, dataset.title);
    });
    return this.records.view(id);
  }

  /** The processor downloads a sealed version of the raw data the owner shared: short-lived URLs with SHA-256. */
  async rawDataDownload(id: string, datasetId: string, version: number) {
    const m = this.dataSource.manager;
    const project = await m.findOneByOrFail(ProcessingProject, { id });
    if (!project.rawDatasetIds.includes(datasetId) || project.status !== 'IN_PROGRESS')
      throw new DomainError(
        'NOT_ENTITLED',
        `Dataset ${datasetId} is not shared with this project's processor (or the project is not in progress).`,
      );
    const found = await m.findOne(DatasetVersion, { where: { datasetId, version } });
    if (found?.status !== 'SEALED')
      throw new DomainError(
        'VERSION_NOT_SEALED',
        `Version ${version} of the shared dataset is not sealed.`,
      );
    const files = await m.find(DatasetFile, {
      where: { versionId: found.id, status: 'AVAILABLE' },
      order: { name: 'ASC' },
    });
    await this.records.event(m, id, 'raw_data.downloaded', null, `${datasetId} v${version}`);
    return {
      datasetId,
      version,
      files: await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          sizeBytes: f.sizeBytes,
          sha256: f.sha256,
          url: await this.storage.presignGet(f.storageKey, 600, f.name),
        })),
      ),
    };
  }
}
