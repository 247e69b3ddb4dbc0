import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Transactions } from '../../platform/database/transactions.js';
import { AuditService } from '../audit/index.js';
import type { LicenceDto } from './dto/product.dto.js';
import { type PageQuery, pageOf, window } from '../../platform/http/pagination.js';
import { Licence } from './licence.entity.js';

@Injectable()
export class LicencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(query: PageQuery) {
    return pageOf(
      await this.dataSource
        .getRepository(Licence)
        .findAndCount({ order: { code: 'ASC' }, ...window(query) }),
      query,
    );
  }

  /** Adds or changes a template; products keep pointing at it by code. */
  put(code: string, dto: LicenceDto, actorId: string) {
    return this.tx.run(async (m) => {
      const before = await m.findOne(Licence, { where: { code } });
      await m.upsert(Licence, { code, ...dto, updatedBy: actorId }, ['code']);
      await this.audit.record(m, {
        action: before ? 'licence.updated' : 'licence.added',
        entityType: 'licence',
        entityId: code,
        details: {
          ...dto,
          ...(before && { from: { name: before.name, termMonths: before.termMonths } }),
        },
      });
      return m.findOneByOrFail(Licence, { code });
    });
  }
}
