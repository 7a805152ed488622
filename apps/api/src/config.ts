import path from 'node:path';

/** Thrown for a bad environment value; the message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Guidance not reviewed for this many months gets a "Not reviewed in N months" badge on
 * search cards (the date of last review, else the document's own date, counts).
 */
export const REVIEW_STALE_MONTHS = 12;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  meiliUrl?: string;
  meiliMasterKey?: string;
  meiliIndexPrefix: string;
  /**
   * SEARCH_COUNT_FROM: where search totals and facet counts come from — `documents` (the
   * counting index, default) or `sections` (the former, 3× costlier design; the bench runs it
   * as its reference system).
   */
  searchCountFrom: 'documents' | 'sections';
  /** SEARCH_CACHE: keep Meilisearch's answers to hot queries in memory (default true). */
  searchCache: boolean;
  /** The bundled Meilisearch's indexing memory (MEILI_MAX_INDEXING_MEMORY), e.g. 256Mb. */
  meiliMaxIndexingMemory?: string;
  jwtSecret?: string;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: string;
  allowSignUp: boolean;
  /** The address users reach: the base of invitation and reset links (never a request's Host). */
  publicUrl: string;
  /** Proxies whose X-Forwarded-For is believed: false, a hop count, or addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  seedDemo: boolean;
  /** Where e-mail goes (SMTP_URL, smtp:// or smtps://); unset: in-app notifications only. */
  smtpUrl?: string;
  /** The sender of every message (MAIL_FROM); default: Advisory KB <alerts@the PUBLIC_URL host>. */
  mailFrom: string;
  /** The UTC hour daily digests go out (ALERT_DIGEST_HOUR, 0–23). */
  alertDigestHour: number;
}

type Env = Record<string, string | undefined>;

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function parseUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const value = nonEmpty(env, name);
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return value;
}

function parseBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = nonEmpty(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

function parseTrustProxy(env: Env): boolean | number | string[] {
  const value = nonEmpty(env, 'TRUST_PROXY');
  if (value === undefined || ['false', '0', 'no', 'off'].includes(value.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value.split(',').map((v) => v.trim());
  if (list.every((v) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(v))) return list;
  throw new ConfigError('TRUST_PROXY must be true, false, a hop count, or a comma-separated list of addresses/CIDRs');
}

/** Reads and validates the environment once; every other module takes a Config. */
export function loadConfig(env: Env = process.env): Config {
  const portText = nonEmpty(env, 'PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT must be a number from 1 to 65535, got "${portText}"`);
  }
  const nodeEnv = nonEmpty(env, 'NODE_ENV') ?? 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'production' && nodeEnv !== 'test') {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const meiliUrl = parseUrl(env, 'MEILI_URL', ['http:', 'https:']);
  const meiliMasterKey = nonEmpty(env, 'MEILI_MASTER_KEY');
  if (meiliUrl && !meiliMasterKey) {
    throw new ConfigError('MEILI_MASTER_KEY must be set when MEILI_URL is set');
  }
  if (meiliMasterKey && meiliMasterKey.length < 16) {
    throw new ConfigError('MEILI_MASTER_KEY must be at least 16 characters');
  }
  const jwtSecret = nonEmpty(env, 'JWT_SECRET');
  if (jwtSecret && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters');
  }
  if (!jwtSecret && nodeEnv === 'production' && (meiliUrl || nonEmpty(env, 'DATABASE_URL'))) {
    // With external services the app may run as several replicas: they must share the secret.
    throw new ConfigError('JWT_SECRET must be set in production when DATABASE_URL or MEILI_URL is set');
  }
  const indexPrefix = nonEmpty(env, 'MEILI_INDEX_PREFIX') ?? 'kb';
  if (!/^[a-zA-Z0-9_-]{1,60}$/.test(indexPrefix)) {
    throw new ConfigError('MEILI_INDEX_PREFIX may use only letters, digits, - and _ (at most 60)');
  }
  const meiliMaxIndexingMemory = nonEmpty(env, 'MEILI_MAX_INDEXING_MEMORY');
  if (meiliMaxIndexingMemory && !/^\d+(\.\d+)?\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)?$/i.test(meiliMaxIndexingMemory)) {
    throw new ConfigError('MEILI_MAX_INDEXING_MEMORY must be a size such as 256Mb or 2Gb');
  }
  const searchCountFrom = nonEmpty(env, 'SEARCH_COUNT_FROM') ?? 'documents';
  if (searchCountFrom !== 'documents' && searchCountFrom !== 'sections') {
    throw new ConfigError(`SEARCH_COUNT_FROM must be documents or sections, got "${searchCountFrom}"`);
  }
  const publicUrl = parseUrl(env, 'PUBLIC_URL', ['http:', 'https:']);
  if (!publicUrl && nodeEnv === 'production') {
    // Links in invitations and password resets must not come from a request's Host header.
    throw new ConfigError('PUBLIC_URL must be set in production: the address users reach, e.g. https://kb.example.org');
  }
  const smtpUrl = parseUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  const mailFrom = nonEmpty(env, 'MAIL_FROM');
  if (mailFrom && !/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(mailFrom)) {
    throw new ConfigError(
      'MAIL_FROM must be an address, e.g. alerts@example.org or "Advisory KB <alerts@example.org>"',
    );
  }
  const digestHourText = nonEmpty(env, 'ALERT_DIGEST_HOUR') ?? '7';
  const alertDigestHour = Number(digestHourText);
  if (!/^\d{1,2}$/.test(digestHourText) || alertDigestHour > 23) {
    throw new ConfigError(`ALERT_DIGEST_HOUR must be an hour from 0 to 23 (UTC), got "${digestHourText}"`);
  }
  const resolvedPublicUrl = (publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    port,
    host: nonEmpty(env, 'HOST') ?? '0.0.0.0',
    dataDir: path.resolve(nonEmpty(env, 'DATA_DIR') ?? './.data'),
    databaseUrl: parseUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    meiliUrl,
    meiliMasterKey,
    meiliIndexPrefix: indexPrefix,
    searchCountFrom,
    searchCache: parseBoolean(env, 'SEARCH_CACHE', true),
    meiliMaxIndexingMemory,
    jwtSecret,
    nodeEnv,
    logLevel: nonEmpty(env, 'LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    allowSignUp: parseBoolean(env, 'ALLOW_SIGN_UP', false),
    publicUrl: resolvedPublicUrl,
    trustProxy: parseTrustProxy(env),
    seedDemo: parseBoolean(env, 'SEED_DEMO', true),
    smtpUrl,
    mailFrom: mailFrom ?? `Advisory KB <alerts@${new URL(resolvedPublicUrl).hostname}>`,
    alertDigestHour,
  };
}
