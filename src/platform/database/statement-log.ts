import { createWriteStream, type WriteStream } from 'node:fs';
import type { Logger, QueryRunner } from 'typeorm';

/**
 * Every statement the service sends through TypeORM, with its parameters and the connection it
 * ran on, as JSON lines (`{"c": connection, "q": sql, "p": parameters}`) appended to a file
 * (SQL_LOG_FILE). bench:checkout replays them with `pg` alone: the same work without the service.
 * A diagnostic: it costs a write per statement, and the file holds every parameter sent.
 */
export class StatementLog implements Logger {
  private readonly out: WriteStream;
  private readonly connections = new WeakMap<QueryRunner, number>();
  private next = 0;

  constructor(file: string) {
    this.out = createWriteStream(file, { flags: 'a' });
  }

  logQuery(query: string, parameters?: unknown[], runner?: QueryRunner): void {
    let c = 0;
    if (runner) {
      c = this.connections.get(runner) ?? ++this.next;
      this.connections.set(runner, c);
    }
    this.out.write(`${JSON.stringify({ c, q: query, p: parameters ?? [] })}\n`);
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
