import { ConfigError, loadConfig } from './config.js';

const base = { DATA_DIR: '/tmp/mdx-config-spec', JWT_SECRET: 'x'.repeat(40) };

describe('loadConfig', () => {
  it('takes the documented defaults: embedded database and storage', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(3000);
    expect(c.database.mode).toBe('embedded');
    expect(c.storage).toMatchObject({ mode: 'embedded', bucket: 'exchange' });
    expect(c.stripe.emulatorPort).toBe(12111);
  });

  it('uses external services when their URLs are given', () => {
    const c = loadConfig({
      ...base,
      DATABASE_URL: 'postgres://u:p@db:5432/x',
      S3_ENDPOINT: 'https://s3.example.com',
    });
    expect(c.database).toMatchObject({
      url: 'postgres://u:p@db:5432/x',
      mode: 'external',
      workMem: '32MB',
    });
    expect(c.storage.mode).toBe('external');
  });

  it("sizes the embedded database's cache by this machine's memory, or as told", () => {
    const mb = Number(/^(\d+)MB$/.exec(loadConfig(base).database.embeddedSharedBuffers)?.[1]);
    expect(mb).toBeGreaterThanOrEqual(128);
    expect(mb).toBeLessThanOrEqual(1024);
    expect(
      loadConfig({ ...base, EMBEDDED_DATABASE_SHARED_BUFFERS: '2GB' }).database
        .embeddedSharedBuffers,
    ).toBe('2GB');
    expect(() => loadConfig({ ...base, EMBEDDED_DATABASE_SHARED_BUFFERS: 'lots' })).toThrow(
      /EMBEDDED_DATABASE_SHARED_BUFFERS must be a size like 512MB/,
    );
  });

  it('names every bad variable at once', () => {
    let message = '';
    try {
      loadConfig({
        ...base,
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        OPERATOR_EMAIL: 'nobody',
        S3_ACCESS_KEY_ID: 'only-one',
      });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    for (const name of ['PORT', 'DATABASE_URL', 'OPERATOR_EMAIL', 'S3_ACCESS_KEY_ID'])
      expect(message).toContain(name);
  });

  it('points the Stripe SDK at a Stripe-compatible server only together with a key', () => {
    const c = loadConfig({
      ...base,
      STRIPE_SECRET_KEY: 'sk_test_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      STRIPE_API_BASE: 'http://127.0.0.1:12111',
    });
    expect(c.stripe).toMatchObject({ mode: 'stripe', apiBase: 'http://127.0.0.1:12111' });
    expect(() => loadConfig({ ...base, STRIPE_API_BASE: 'http://127.0.0.1:12111' })).toThrow(
      /STRIPE_API_BASE: set it with STRIPE_SECRET_KEY/,
    );
    expect(() =>
      loadConfig({
        ...base,
        STRIPE_SECRET_KEY: 'k',
        STRIPE_WEBHOOK_SECRET: 'w',
        STRIPE_API_BASE: 'ftp://x',
      }),
    ).toThrow(/STRIPE_API_BASE must be an http\(s\):\/\/ origin/);
  });

  it('demands real secrets in production', () => {
    expect(() => loadConfig({ DATA_DIR: base.DATA_DIR, NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET[\s\S]*OPERATOR_PASSWORD/,
    );
  });
});
