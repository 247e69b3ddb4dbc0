import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { DomainError } from '../../platform/errors/domain-error.js';
import { StoragePort } from '../../platform/storage/storage.port.js';
import { ProductRevision, Product } from '../catalog/index.js';
import { DatasetFile } from '../datasets/index.js';
import { Download, Entitlement } from './entitlement.entity.js';

const URL_TTL_SECONDS = 600;

/** Short-lived download links for the versions an organization is entitled to. */
@Injectable()
export class DownloadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: StoragePort,
  ) {}

  async download(productId: string, organizationId: string, actorId: string, version?: number) {
    const m = this.dataSource.manager;
    const entitlement = await m.findOne(Entitlement, {
      where: { productId, organizationId, revokedAt: IsNull(), validUntil: MoreThan(new Date()) },
      order: { version: 'ASC' },
    });
    if (!entitlement)
      throw new DomainError(
        'NOT_ENTITLED',
        `Organization ${organizationId} holds no valid entitlement to product ${productId}; buy it first.`,
      );
    const product = await m.findOneByOrFail(Product, { id: productId });
    const wanted = version ?? product.version;
    const revision = await m.findOne(ProductRevision, { where: { productId, version: wanted } });
    if (!revision || wanted < entitlement.version)
      throw new DomainError(
        'NOT_ENTITLED',
        `Your entitlement covers version ${entitlement.version} and later revisions of this product, not version ${wanted}.`,
      );
    const files = await m.find(DatasetFile, {
      where: { versionId: revision.versionId, status: 'AVAILABLE' },
      order: { name: 'ASC' },
    });
    const links = await Promise.all(
      files.map(async (f) => ({
        name: f.name,
        sizeBytes: f.sizeBytes,
        sha256: f.sha256,
        contentType: f.contentType,
        url: await this.storage.presignGet(f.storageKey, URL_TTL_SECONDS, f.name),
      })),
    );
    await m.insert(Download, {
      entitlementId: entitlement.id,
      userId: actorId,
      versionId: revision.versionId,
      files: files.length,
    });
    return { productId, version: wanted, expiresInSeconds: URL_TTL_SECONDS, files: links };
  }
}
