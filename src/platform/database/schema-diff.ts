import type { DataSource } from 'typeorm';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/** What TypeORM would change to make the database match the entities (empty when they agree). */
export async function schemaDiff(dataSource: DataSource): Promise<SchemaDiff> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => q.query),
    down: log.downQueries.map((q) => q.query).reverse(),
  };
}

/** The source of a migration class that applies `diff`. */
export function migrationSource(name: string, timestamp: number, diff: SchemaDiff): string {
  const className = `${name}${timestamp}`;
  const lines = (queries: string[]) =>
    queries
      .map((q) => `    await queryRunner.query(\`${q.replace(/[`\\]|\$\{/g, (c) => `\\${c}`)}\`);`)
      .join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(diff.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(diff.down)}
  }
}
`;
}
