import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : /^-?\d+$/.test(String(value))
      ? Number(value)
      : value;
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes'].includes(String(value).toLowerCase())
      ? true
      : ['0', 'false', 'no'].includes(String(value).toLowerCase())
        ? false
        : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every run-time setting of the service. Read once at start from the environment, validated,
 * and then handed around as this typed object; nothing else reads process.env.
 */
export class EnvSchema {
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() @MinLength(1) DATA_DIR = './.data';
  /** The built web app (vite build's output); the API alone is served when it is missing. */
  @IsString() @MinLength(1) WEB_DIR = './dist/web';
  @IsIn(['development', 'production', 'test']) NODE_ENV: 'development' | 'production' | 'test' =
    'development';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;
  /** PostgreSQL's work_mem for the service's connections (data-source.ts says why it is raised). */
  @Matches(/^\d+\s*(kB|MB|GB)$/, { message: 'DATABASE_WORK_MEM must be a size like 32MB' })
  DATABASE_WORK_MEM = '32MB';
  /** shared_buffers of the embedded PostgreSQL; unset, an eighth of this machine's memory (128MB-1GB). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\d+\s*(kB|MB|GB)$/, {
    message: 'EMBEDDED_DATABASE_SHARED_BUFFERS must be a size like 512MB',
  })
  EMBEDDED_DATABASE_SHARED_BUFFERS?: string;
  /** A file to append every statement to, for bench:checkout's replay (statement-log.ts). */
  @Transform(emptyToUndefined) @IsOptional() @IsString() SQL_LOG_FILE?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'S3_ENDPOINT must be an http(s):// URL' })
  S3_ENDPOINT?: string;
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'S3_BUCKET must be a valid bucket name',
  })
  S3_BUCKET = 'exchange';
  @IsString() S3_REGION = 'ap-northeast-2';
  @Transform(emptyToUndefined) @IsOptional() @IsString() S3_ACCESS_KEY_ID?: string;
  @Transform(emptyToUndefined) @IsOptional() @IsString() S3_SECRET_ACCESS_KEY?: string;
  @Transform(toBool) @IsOptional() @IsBoolean() S3_FORCE_PATH_STYLE?: boolean;

  @Transform(emptyToUndefined) @IsOptional() @IsString() STRIPE_SECRET_KEY?: string;
  @Transform(emptyToUndefined) @IsOptional() @IsString() STRIPE_WEBHOOK_SECRET?: string;
  /** The key the web app's card step (Stripe.js) uses; the emulator's is pk_test_local. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^pk_(test|live)_\w+$/, {
    message: 'STRIPE_PUBLISHABLE_KEY must look like pk_test_… or pk_live_…',
  })
  STRIPE_PUBLISHABLE_KEY?: string;
  /** Where the SDK sends its calls, for a Stripe-compatible server (stripe-mock, a proxy); unset: api.stripe.com. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+\/?$/, {
    message: 'STRIPE_API_BASE must be an http(s):// origin such as http://127.0.0.1:12111',
  })
  STRIPE_API_BASE?: string;
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) STRIPE_EMULATOR_PORT = 12111;

  @IsEmail({}, { message: 'OPERATOR_EMAIL must be an e-mail address' })
  OPERATOR_EMAIL = 'operator@exchange.local';
  @IsString()
  @MinLength(12, { message: 'OPERATOR_PASSWORD must be at least 12 characters long' })
  OPERATOR_PASSWORD = 'operator-local-password';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;
  @Transform(toInt) @IsInt() @Min(30) @Max(86400) ACCESS_TOKEN_TTL_SECONDS = 900;
  @Transform(toInt) @IsInt() @Min(1) @Max(365) REFRESH_TOKEN_TTL_DAYS = 30;
  /** How long the guard keeps a caller's roles and memberships (0: look them up on every request). */
  @Transform(toInt) @IsInt() @Min(0) @Max(60) AUTH_CACHE_SECONDS = 2;

  @Transform(toInt) @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;
  @Transform(toInt) @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_ADDRESS = 30;
  @Transform(toInt) @IsInt() @Min(1) LOGIN_FAILURE_WINDOW_SECONDS = 900;
  /** Failures of one account from all addresses, past which only addresses it signed in from may try. */
  @Transform(toInt) @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_ADDRESSES = 50;
  @Transform(toInt) @IsInt() @Min(1) SIGNUP_MAX_PER_ADDRESS = 20;
  @Transform(toInt) @IsInt() @Min(1) SIGNUP_WINDOW_SECONDS = 3600;

  @IsString()
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 1mb or 512kb' })
  BODY_LIMIT = '1mb';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  /** `pretty` for people at a terminal, `json` for log collectors; defaults by whether stdout is a TTY. */
  @IsIn(['pretty', 'json']) LOG_FORMAT: 'pretty' | 'json' = process.stdout.isTTY
    ? 'pretty'
    : 'json';
  @Transform(toBool) @IsBoolean() TRUST_PROXY = false;

  /** An order not paid within this many minutes is cancelled and its voucher reservation released. */
  @Transform(toInt) @IsInt() @Min(1) @Max(7 * 24 * 60) ORDER_PAYMENT_TIMEOUT_MINUTES = 30;

  /** A seller answers a buyer's access request within this many Korean business days; then an operator may. */
  @Transform(toInt) @IsInt() @Min(1) @Max(60) ACCESS_ANSWER_BUSINESS_DAYS = 5;
  /** An approval lets the buyer check out for this many days. */
  @Transform(toInt) @IsInt() @Min(1) @Max(365) ACCESS_APPROVAL_DAYS = 30;
  /** After a refusal the buyer may ask again after this many days. */
  @Transform(toInt) @IsInt() @Min(0) @Max(365) ACCESS_COOLDOWN_DAYS = 14;

  /** Usage figures (views, searches) are counted in memory and written every this many seconds. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600) USAGE_FLUSH_SECONDS = 5;
  /**
   * How long a search keeps its facet counts by filter (0: count on every search). A product
   * changed on this instance is counted at once; on another instance, within this time.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(300) SEARCH_FACETS_CACHE_SECONDS = 10;

  /** A pool processor carries at most this many processing projects at once. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000) MAX_OPEN_PROJECTS_PER_PROCESSOR = 3;

  /** Largest file one upload may carry (5 GiB). */
  @Transform(toInt) @IsInt() @Min(1) MAX_UPLOAD_BYTES = 5 * 1024 ** 3;
  @Transform(toInt) @IsInt() @Min(60) @Max(7 * 86400) UPLOAD_URL_TTL_SECONDS = 3600;
  /** Uploads not completed within this many hours are aborted by a job. */
  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 30) UPLOAD_ABANDON_HOURS = 24;
  /** A version whose quality score is below this fails verification. */
  @Transform(toInt) @IsInt() @Min(0) @Max(100) QUALITY_PASS_SCORE = 70;
  /** Where quality verification keeps its temporary files. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() WORK_DIR?: string;
  /** How much memory DuckDB may hold while it measures a file (it spills to WORK_DIR past it). */
  @Matches(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, {
    message: 'QUALITY_MEMORY_LIMIT must be a size like 400MB or 1GB',
  })
  QUALITY_MEMORY_LIMIT = '400MB';

  /** Where e-mail goes (smtp:// or smtps://); unset: the local mail catcher that the service starts. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;
  @IsString() @MinLength(3) MAIL_FROM = '제조 데이터 거래소 <no-reply@exchange.local>';
  /** Where the local mail catcher shows its mails (HTTP); its SMTP port is chosen free. */
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) MAIL_CATCHER_PORT = 1080;
  /** The web app's address as people reach it, for links in e-mail; unset: http://localhost:PORT. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+\/?$/, {
    message: 'PUBLIC_URL must be an origin such as https://exchange.example.kr',
  })
  PUBLIC_URL?: string;

  /** Outbound webhooks: a failing delivery is retried with exponential backoff from this many seconds... */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600) WEBHOOK_RETRY_BASE_SECONDS = 60;
  /** ...for this long after the event; then the delivery fails and a failing endpoint is disabled. */
  @Transform(toInt) @IsInt() @Min(1) @Max(30 * 86400) WEBHOOK_RETRY_WINDOW_SECONDS = 3 * 86400;
  /** How long a receiver may take to answer a delivery. */
  @Transform(toInt) @IsInt() @Min(1) @Max(60) WEBHOOK_TIMEOUT_SECONDS = 10;
  /** Finished webhook deliveries (and their attempts) are kept this many days, then removed. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650) WEBHOOK_DELIVERY_RETENTION_DAYS = 90;
}

export interface AppConfig {
  port: number;
  dataDir: string;
  webDir: string;
  env: 'development' | 'production' | 'test';
  /** `embedded` when no URL was given and the service starts its own server under dataDir. */
  database: {
    url?: string;
    mode: 'embedded' | 'external';
    statementLog?: string;
    workMem: string;
    /** PostgreSQL's shared_buffers when the service starts its own server. */
    embeddedSharedBuffers: string;
  };
  storage: {
    mode: 'embedded' | 'external';
    endpoint?: string;
    bucket: string;
    region: string;
    accessKeyId?: string;
    secretAccessKey?: string;
    forcePathStyle?: boolean;
  };
  /** `emulator` when no STRIPE_SECRET_KEY is set: the local emulator answers with key sk_test_local. */
  stripe: {
    mode: 'stripe' | 'emulator';
    secretKey: string;
    webhookSecret: string;
    publishableKey?: string;
    emulatorPort: number;
    /** A Stripe-compatible server to call instead of api.stripe.com (STRIPE_API_BASE). */
    apiBase?: string;
  };
  orders: { paymentTimeoutMinutes: number };
  access: { answerBusinessDays: number; approvalDays: number; cooldownDays: number };
  usage: { flushSeconds: number };
  search: { facetsCacheSeconds: number };
  projects: { maxOpenPerProcessor: number };
  operator: { email: string; password: string };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    principalCacheSeconds: number;
    loginMaxFailuresPerAccount: number;
    loginMaxFailuresPerAddress: number;
    loginFailureWindowSeconds: number;
    loginMaxFailuresPerAccountAllAddresses: number;
    signupMaxPerAddress: number;
    signupWindowSeconds: number;
  };
  http: { bodyLimit: string; trustProxy: boolean };
  uploads: { maxBytes: number; urlTtlSeconds: number; abandonHours: number };
  quality: { passScore: number; workDir: string; memoryLimit: string };
  /** `catcher` when no SMTP_URL is set: the service starts a local mail catcher and sends there. */
  mail: {
    mode: 'smtp' | 'catcher';
    smtpUrl?: string;
    from: string;
    catcherPort: number;
    /** Where the catcher shows its mails, once it runs. */
    catcherUrl?: string;
    publicUrl: string;
  };
  webhooks: {
    retryBaseSeconds: number;
    retryWindowSeconds: number;
    timeoutSeconds: number;
    retentionDays: number;
  };
  logLevel: string;
  logFormat: 'pretty' | 'json';
}

export class ConfigError extends Error {}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) =>
      m.startsWith(e.property) ? m : `${e.property}: ${m}`,
    ),
  );
}

/** Reads (or makes once) the signing secret kept beside the embedded data. */
function localJwtSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      return readFileSync(file, 'utf8').trim(); // another instance wrote it first
    }
  }
}

/**
 * Validates the environment and returns the typed configuration, or throws a ConfigError whose
 * message names every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Class fields are defined even without an initialiser, so this lists every setting.
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new EnvSchema())) {
    if (env[key] !== undefined) raw[key] = env[key];
  }
  const parsed = plainToInstance(EnvSchema, raw, { exposeDefaultValues: true });
  const errors = describe(validateSync(parsed, { forbidUnknownValues: false }));
  if (parsed.NODE_ENV === 'production') {
    if (!parsed.JWT_SECRET) errors.push('JWT_SECRET: must be set when NODE_ENV is production');
    if (env.OPERATOR_PASSWORD === undefined)
      errors.push('OPERATOR_PASSWORD: must be set when NODE_ENV is production');
  }
  if (parsed.STRIPE_SECRET_KEY && !parsed.STRIPE_WEBHOOK_SECRET)
    errors.push(
      'STRIPE_WEBHOOK_SECRET: must be set with STRIPE_SECRET_KEY, to verify webhook signatures',
    );
  if (parsed.STRIPE_API_BASE && !parsed.STRIPE_SECRET_KEY)
    errors.push(
      'STRIPE_API_BASE: set it with STRIPE_SECRET_KEY (without a key the local emulator answers)',
    );
  if (Boolean(parsed.S3_ACCESS_KEY_ID) !== Boolean(parsed.S3_SECRET_ACCESS_KEY))
    errors.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both or neither');
  if (errors.length) throw new ConfigError(`Invalid configuration:\n  - ${errors.join('\n  - ')}`);

  const dataDir = path.resolve(parsed.DATA_DIR);
  return {
    port: parsed.PORT,
    dataDir,
    webDir: path.resolve(parsed.WEB_DIR),
    env: parsed.NODE_ENV,
    database: {
      url: parsed.DATABASE_URL,
      mode: parsed.DATABASE_URL ? 'external' : 'embedded',
      statementLog: parsed.SQL_LOG_FILE,
      workMem: parsed.DATABASE_WORK_MEM,
      embeddedSharedBuffers:
        parsed.EMBEDDED_DATABASE_SHARED_BUFFERS ??
        `${Math.min(1024, Math.max(128, Math.floor(os.totalmem() / 8 / 2 ** 20)))}MB`,
    },
    storage: {
      mode: parsed.S3_ENDPOINT ? 'external' : 'embedded',
      endpoint: parsed.S3_ENDPOINT,
      bucket: parsed.S3_BUCKET,
      region: parsed.S3_REGION,
      accessKeyId: parsed.S3_ACCESS_KEY_ID,
      secretAccessKey: parsed.S3_SECRET_ACCESS_KEY,
      forcePathStyle: parsed.S3_FORCE_PATH_STYLE,
    },
    stripe: {
      mode: parsed.STRIPE_SECRET_KEY ? 'stripe' : 'emulator',
      secretKey: parsed.STRIPE_SECRET_KEY ?? 'sk_test_local',
      webhookSecret: parsed.STRIPE_WEBHOOK_SECRET ?? 'whsec_local_emulator',
      publishableKey: parsed.STRIPE_PUBLISHABLE_KEY,
      emulatorPort: parsed.STRIPE_EMULATOR_PORT,
      apiBase: parsed.STRIPE_API_BASE,
    },
    orders: { paymentTimeoutMinutes: parsed.ORDER_PAYMENT_TIMEOUT_MINUTES },
    access: {
      answerBusinessDays: parsed.ACCESS_ANSWER_BUSINESS_DAYS,
      approvalDays: parsed.ACCESS_APPROVAL_DAYS,
      cooldownDays: parsed.ACCESS_COOLDOWN_DAYS,
    },
    usage: { flushSeconds: parsed.USAGE_FLUSH_SECONDS },
    search: { facetsCacheSeconds: parsed.SEARCH_FACETS_CACHE_SECONDS },
    projects: { maxOpenPerProcessor: parsed.MAX_OPEN_PROJECTS_PER_PROCESSOR },
    operator: { email: parsed.OPERATOR_EMAIL.toLowerCase(), password: parsed.OPERATOR_PASSWORD },
    auth: {
      jwtSecret: parsed.JWT_SECRET ?? localJwtSecret(dataDir),
      accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: parsed.REFRESH_TOKEN_TTL_DAYS,
      principalCacheSeconds: parsed.AUTH_CACHE_SECONDS,
      loginMaxFailuresPerAccount: parsed.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      loginMaxFailuresPerAddress: parsed.LOGIN_MAX_FAILURES_PER_ADDRESS,
      loginFailureWindowSeconds: parsed.LOGIN_FAILURE_WINDOW_SECONDS,
      loginMaxFailuresPerAccountAllAddresses: parsed.LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_ADDRESSES,
      signupMaxPerAddress: parsed.SIGNUP_MAX_PER_ADDRESS,
      signupWindowSeconds: parsed.SIGNUP_WINDOW_SECONDS,
    },
    http: { bodyLimit: parsed.BODY_LIMIT, trustProxy: parsed.TRUST_PROXY },
    uploads: {
      maxBytes: parsed.MAX_UPLOAD_BYTES,
      urlTtlSeconds: parsed.UPLOAD_URL_TTL_SECONDS,
      abandonHours: parsed.UPLOAD_ABANDON_HOURS,
    },
    quality: {
      passScore: parsed.QUALITY_PASS_SCORE,
      workDir: path.resolve(parsed.WORK_DIR ?? path.join(os.tmpdir(), 'mdx-work')),
      memoryLimit: parsed.QUALITY_MEMORY_LIMIT,
    },
    mail: {
      mode: parsed.SMTP_URL ? 'smtp' : 'catcher',
      smtpUrl: parsed.SMTP_URL,
      from: parsed.MAIL_FROM,
      catcherPort: parsed.MAIL_CATCHER_PORT,
      publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/$/, ''),
    },
    webhooks: {
      retryBaseSeconds: parsed.WEBHOOK_RETRY_BASE_SECONDS,
      retryWindowSeconds: parsed.WEBHOOK_RETRY_WINDOW_SECONDS,
      timeoutSeconds: parsed.WEBHOOK_TIMEOUT_SECONDS,
      retentionDays: parsed.WEBHOOK_DELIVERY_RETENTION_DAYS,
    },
    logLevel: parsed.LOG_LEVEL,
    logFormat: parsed.LOG_FORMAT,
  };
}

/** Injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
