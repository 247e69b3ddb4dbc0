import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { dataSourceOptions, type Schema } from './data-source.js';
import { migrate } from './migrate.js';
import { StatementLog } from './statement-log.js';
import { Transactions } from './transactions.js';

/** The TypeORM data source; pending migrations are applied (under a lock) before anything runs. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(schema: Schema): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            dataSourceOptions(
              config.database.url!,
              schema,
              config.database.statementLog
                ? { logging: ['query'], logger: new StatementLog(config.database.statementLog) }
                : {},
              config.database.workMem,
            ),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await migrate(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [Transactions],
      exports: [Transactions],
    };
  }
}
