/**
 * npm run seed: loads the three 2024 calls of the announcement, idempotently.
 * Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (stop the service first, or point
 * DATABASE_URL at the database it uses).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app/app.module.js';
import { ProgramsService } from '../src/modules/programs/programs.service.js';
import { loadConfig } from '../src/platform/config/config.js';
import { startEmbeddedServices } from '../src/platform/runtime/embedded-services.js';

const config = loadConfig({
  ...process.env,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  LOG_FORMAT: 'json',
});
const embedded = await startEmbeddedServices(config, {
  info: (m) => console.log(m),
  debug: () => undefined,
});
try {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(embedded.config), {
    logger: ['error', 'warn'],
  });
  const { created, present } = await app.get(ProgramsService).seed2024();
  for (const slug of created) console.log(`created ${slug}`);
  for (const slug of present) console.log(`already there: ${slug}`);
  await app.close();
} finally {
  await embedded.stop();
}
