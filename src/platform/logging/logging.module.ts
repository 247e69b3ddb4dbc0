import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { QuietBootLogger } from './quiet-logger.js';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          // The request id middleware (create-app.ts) has set req.id already.
          genReqId: (req: { id?: string }) => req.id ?? 'unknown',
          transport:
            config.logFormat === 'pretty'
              ? {
                  target: 'pino-pretty',
                  options: { singleLine: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' },
                }
              : undefined,
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          customLogLevel: (_req: unknown, res: { statusCode: number }, err?: Error) =>
            err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        },
      }),
    }),
  ],
  providers: [QuietBootLogger],
  exports: [QuietBootLogger],
})
export class LoggingModule {}
