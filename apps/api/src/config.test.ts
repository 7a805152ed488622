import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir.endsWith('.data')).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.meiliUrl).toBeUndefined();
    expect(config.allowSignUp).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT /],
    [{ PORT: '70000' }, /^PORT /],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL /],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /^DATABASE_URL /],
    [{ MEILI_URL: 'http://127.0.0.1:7700' }, /^MEILI_MASTER_KEY /],
    [{ MEILI_URL: 'ftp://x', MEILI_MASTER_KEY: 'a'.repeat(20) }, /^MEILI_URL /],
    [{ JWT_SECRET: 'short' }, /^JWT_SECRET /],
    [{ NODE_ENV: 'staging' }, /^NODE_ENV /],
    [{ ALLOW_SIGN_UP: 'maybe' }, /^ALLOW_SIGN_UP /],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the documented variables', () => {
    const config = loadConfig({
      PORT: '3999',
      DATA_DIR: '/tmp/x',
      DATABASE_URL: 'postgres://u:p@db:5432/kb',
      MEILI_URL: 'http://meili:7700',
      MEILI_MASTER_KEY: 'k'.repeat(32),
      JWT_SECRET: 's'.repeat(40),
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      port: 3999,
      dataDir: '/tmp/x',
      nodeEnv: 'production',
      meiliUrl: 'http://meili:7700',
    });
  });
});
