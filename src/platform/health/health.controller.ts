import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { StoragePort } from '../storage/storage.port.js';
import { HealthView } from './health.views.js';
import { Answers } from '../openapi/answers.js';

async function probe(
  check: () => Promise<unknown>,
): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('timed out after 3 s')), 3_000).unref(),
      ),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: (err as Error).name ?? 'Error',
    };
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: StoragePort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'Whether PostgreSQL and storage answer, and in which mode each runs (503 when one does not)',
  })
  @Answers(HealthView)
  @ApiServiceUnavailableResponse({
    type: HealthView,
    description: 'The database or storage is down',
  })
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, storage] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.storage.check()),
    ]);
    const ok = database.ok && storage.ok;
    res.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'degraded',
      database: { ...database, mode: this.config.database.mode },
      storage: { ...storage, mode: this.storage.mode, bucket: this.storage.bucket },
    };
  }
}
