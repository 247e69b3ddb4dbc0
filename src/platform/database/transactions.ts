import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * Runs a use case in one transaction, retrying the whole of it a bounded number of times when
 * PostgreSQL reports a serialization failure or a deadlock.
 */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** For reads outside a transaction (each statement on its own). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async run<T>(
    work: (manager: EntityManager) => Promise<T>,
    options: { isolation?: IsolationLevel; attempts?: number } = {},
  ): Promise<T> {
    const attempts = options.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        // The server's default (READ COMMITTED) needs no SET TRANSACTION, a round trip saved.
        return await (options.isolation
          ? this.dataSource.transaction(options.isolation, work)
          : this.dataSource.transaction(work));
      } catch (err) {
        const code =
          (err as { code?: string; driverError?: { code?: string } }).driverError?.code ??
          (err as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= attempts) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  }
}

/** True when a query failed on a unique constraint (optionally a named one). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && (!constraint || name === constraint);
}
