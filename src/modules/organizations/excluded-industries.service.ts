import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Transactions } from '../../platform/database/transactions.js';
import { notFound } from '../../platform/errors/domain-error.js';
import { AuditService } from '../audit/index.js';
import type { ExcludedIndustryDto } from './dto/organization.dto.js';
import { type PageQuery, pageOf, window } from '../../platform/http/pagination.js';
import { ExcludedIndustry } from './excluded-industry.entity.js';

@Injectable()
export class ExcludedIndustriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(query: PageQuery) {
    return pageOf(
      await this.dataSource
        .getRepository(ExcludedIndustry)
        .findAndCount({ order: { code: 'ASC' }, ...window(query) }),
      query,
    );
  }

  /** The exclusions that cover an industry code (an entry covers every code it is a prefix of). */
  matching(industryCode: string): Promise<ExcludedIndustry[]> {
    return this.dataSource
      .getRepository(ExcludedIndustry)
      .createQueryBuilder('e')
      .where(":code LIKE e.code || '%'", { code: industryCode })
      .orderBy('e.code')
      .getMany();
  }

  put(code: string, dto: ExcludedIndustryDto, actorId: string) {
    return this.tx.run(async (m) => {
      const before = await m.findOne(ExcludedIndustry, { where: { code } });
      await m.upsert(
        ExcludedIndustry,
        { code, name: dto.name, reason: dto.reason, updatedBy: actorId },
        ['code'],
      );
      await this.audit.record(m, {
        action: before ? 'excluded_industry.updated' : 'excluded_industry.added',
        entityType: 'excluded_industry',
        entityId: code,
        details: {
          name: dto.name,
          reason: dto.reason,
          ...(before && { from: { name: before.name, reason: before.reason } }),
        },
      });
      return m.findOneOrFail(ExcludedIndustry, { where: { code } });
    });
  }

  remove(code: string) {
    return this.tx.run(async (m) => {
      const before = await m.findOne(ExcludedIndustry, { where: { code } });
      if (!before) throw notFound('Excluded industry', code);
      await m.delete(ExcludedIndustry, { code });
      await this.audit.record(m, {
        action: 'excluded_industry.removed',
        entityType: 'excluded_industry',
        entityId: code,
        details: { name: before.name, reason: before.reason },
      });
    });
  }
}
