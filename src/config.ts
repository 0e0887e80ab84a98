import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Raised for configuration the operator must fix; printed as one line, exit status 1. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

const portSchema = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  PORT: z.string().optional(),
  HOST: z.string().optional(),
  QUIRE_DATA: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  BASE_URL: z.string().optional(),
  LOG_LEVEL: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
  QUIRE_WORKER: z.string().optional(),
  SESSION_SECRET: z.string().optional(),
  PASSWORD_HASH_COST: z.string().optional(),
  RATE_LIMIT_MAX: z.string().optional(),
  QUIRE_PROCESSES: z.string().optional(),
  PAGE_CACHE_MB: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** `sqlite:<file>` or a postgres:// URL. */
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  smtpUrl: string | undefined;
  mailFrom: string;
  baseUrl: string;
  /** Cookies get the Secure flag when the public URL is https. */
  secureCookies: boolean;
  logLevel: string;
  trustProxy: boolean;
  /** Run the job worker inside this process (default); `QUIRE_WORKER=off` for web-only processes. */
  runWorker: boolean;
  sessionSecret: string;
  /** log2 of scrypt's N for new password hashes (14–20; default 17, OWASP's baseline). */
  passwordHashCost: number;
  /**
   * Replaces every rate limit's allowance per minute (web/security/rate-limits.ts): only for load
   * tests that drive the server from one address. Unset in production.
   */
  rateLimitMax: number | undefined;
  /** How many server processes `quire serve` runs on one port (QUIRE_PROCESSES: a number or `auto`, one per core). */
  processes: number;
  /** What each process may keep of rendered guest pages (PAGE_CACHE_MB, default 64; 0 keeps none). */
  pageCacheMB: number;
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates configuration once. Throws ConfigError naming the bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw = envSchema.parse(env);
  const port = parsePort(raw.PORT);
  const host = raw.HOST?.trim() || '127.0.0.1';
  const dataDir = path.resolve(raw.QUIRE_DATA?.trim() || 'data');
  const database = parseDatabase(raw.DATABASE_URL, dataDir);
  const baseUrl = parseBaseUrl(raw.BASE_URL, host, port);
  const logLevel = raw.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  if (raw.SMTP_URL && !/^smtps?:\/\//.test(raw.SMTP_URL)) {
    throw new ConfigError('SMTP_URL', 'must start with smtp:// or smtps://');
  }
  const config: Config = {
    port,
    host,
    dataDir,
    database,
    smtpUrl: raw.SMTP_URL || undefined,
    mailFrom: raw.MAIL_FROM?.trim() || `Quire <quire@${new URL(baseUrl).hostname}>`,
    baseUrl,
    secureCookies: baseUrl.startsWith('https:'),
    logLevel,
    trustProxy: raw.TRUST_PROXY === '1' || raw.TRUST_PROXY === 'true',
    runWorker: raw.QUIRE_WORKER !== 'off',
    sessionSecret: raw.SESSION_SECRET || '',
    passwordHashCost: parseHashCost(raw.PASSWORD_HASH_COST),
    rateLimitMax: parseRateLimitMax(raw.RATE_LIMIT_MAX),
    processes: parseProcesses(raw.QUIRE_PROCESSES),
    pageCacheMB: parsePageCacheMB(raw.PAGE_CACHE_MB),
    ...overrides,
  };
  return config;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000;
  const parsed = portSchema.safeParse(value.trim());
  if (!parsed.success)
    throw new ConfigError('PORT', `must be a whole number from 0 to 65535 (got "${value}")`);
  return parsed.data;
}

function parseRateLimitMax(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const max = Number(value.trim());
  if (!Number.isInteger(max) || max < 1) {
    throw new ConfigError('RATE_LIMIT_MAX', `must be a whole number of at least 1 (got "${value}")`);
  }
  return max;
}

function parsePageCacheMB(value: string | undefined): number {
  const text = value?.trim() ?? '';
  if (text === '') return 64;
  const mb = Number(text);
  if (!Number.isInteger(mb) || mb < 0 || mb > 4096)
    throw new ConfigError(
      'PAGE_CACHE_MB',
      `must be a whole number of megabytes from 0 to 4096 (got "${value}")`,
    );
  return mb;
}

function parseProcesses(value: string | undefined): number {
  const text = value?.trim() ?? '';
  if (text === '') return 1;
  if (text === 'auto') return os.availableParallelism();
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new ConfigError(
      'QUIRE_PROCESSES',
      `must be "auto" or a whole number from 1 to 64 (got "${value}")`,
    );
  }
  return count;
}

function parseHashCost(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 17;
  const cost = Number(value.trim());
  if (!Number.isInteger(cost) || cost < 14 || cost > 20) {
    throw new ConfigError('PASSWORD_HASH_COST', `must be a whole number from 14 to 20 (got "${value}")`);
  }
  return cost;
}

function parseDatabase(url: string | undefined, dataDir: string): Config['database'] {
  if (!url || url.trim() === '') return { dialect: 'sqlite', file: path.join(dataDir, 'quire.sqlite') };
  const value = url.trim();
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file)
      throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/quire.sqlite');
    return { dialect: 'sqlite', file: path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      const parsed = new URL(value);
      if (!parsed.hostname && !parsed.searchParams.get('host')) throw new Error('no host');
    } catch {
      throw new ConfigError(
        'DATABASE_URL',
        'is not a valid postgres:// URL (postgres://user:password@host:5432/db)',
      );
    }
    return { dialect: 'postgres', url: value };
  }
  throw new ConfigError(
    'DATABASE_URL',
    'must be a postgres:// URL or sqlite:<file> (leave it unset for SQLite in QUIRE_DATA)',
  );
}

function parseBaseUrl(value: string | undefined, host: string, port: number): string {
  if (!value || value.trim() === '') {
    const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    return `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  }
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(
      'BASE_URL',
      `must be an http(s) URL such as https://fic.example.org (got "${value}")`,
    );
  }
}

/** Creates the data directory and proves it is writable; the secret for signing cookies lives there. */
export function prepareDataDir(config: Config): Config {
  try {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const probe = path.join(config.dataDir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError('QUIRE_DATA', `data directory ${config.dataDir} is not writable (${reason})`);
  }
  if (config.sessionSecret) return config;
  const secretFile = path.join(config.dataDir, 'secret');
  if (!fs.existsSync(secretFile)) {
    fs.writeFileSync(secretFile, crypto.getRandomValues(Buffer.alloc(32)).toString('hex'), { mode: 0o600 });
  }
  return { ...config, sessionSecret: fs.readFileSync(secretFile, 'utf8').trim() };
}
