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
    // Links point at the configured address, in development the local one: never a Host header.
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080', NODE_ENV: 'test' }).publicUrl).toBe('http://localhost:8080');
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
    [{ TRUST_PROXY: 'everyone' }, /^TRUST_PROXY /],
    [{ NODE_ENV: 'production' }, /^PUBLIC_URL must be set in production/],
    [{ PUBLIC_URL: 'javascript:alert(1)' }, /^PUBLIC_URL /],
    [{ MEILI_MAX_INDEXING_MEMORY: 'lots' }, /^MEILI_MAX_INDEXING_MEMORY /],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the bundled Meilisearch indexing memory here, and nowhere else', () => {
    expect(loadConfig({}).meiliMaxIndexingMemory).toBeUndefined();
    expect(loadConfig({ MEILI_MAX_INDEXING_MEMORY: '512Mb' }).meiliMaxIndexingMemory).toBe('512Mb');
  });

  it('trusts no proxy by default, and a hop count or addresses when told', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
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
      PUBLIC_URL: 'https://kb.example.org/',
    });
    expect(config).toMatchObject({
      publicUrl: 'https://kb.example.org',
      port: 3999,
      dataDir: '/tmp/x',
      nodeEnv: 'production',
      meiliUrl: 'http://meili:7700',
    });
  });
});
