import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { createS3Client, S3StorageAdapter } from './s3-storage.adapter.js';
import { StoragePort } from './storage.port.js';

@Global()
@Module({
  providers: [
    {
      provide: StoragePort,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const adapter = new S3StorageAdapter(createS3Client(config.storage), config.storage);
        if (config.storage.mode === 'embedded') await adapter.ensureBucket();
        return adapter;
      },
    },
  ],
  exports: [StoragePort],
})
export class StorageModule {}
