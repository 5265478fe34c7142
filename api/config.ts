import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Absent: embedded PGlite in `dataDir`. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly sessionSecret: string;
  readonly logLevel: LogLevel;
  readonly rateLimits: boolean;
  /** Serve the built web app from this folder (null: API only, as in most tests). */
  readonly webDist: string | null;
  /** Where the crisis-resources and moderation-rule files live. */
  readonly configDir: string;
  /** Sessions end after this long without a request… */
  readonly sessionIdleMinutes: number;
  /** …and after this long whatever happens. */
  readonly sessionAbsoluteDays: number;
  /** scrypt cost as log2(N); 17 is OWASP's recommendation. Tests lower it to stay quick. */
  readonly passwordHashCost: number;
  /** Trust X-Forwarded-* from a proxy in front (needed for per-client rate limits and Secure cookies). */
  readonly trustProxy: boolean;
  /** Live updates (/api/events): a comment line this often keeps proxies from closing idle streams. */
  readonly liveHeartbeatMs: number;
  /** The reconnection delay suggested to EventSource (`retry:`). */
  readonly liveRetryMs: number;
  /** Open streams per signed-in account, per process. */
  readonly liveMaxPerAccount: number;
  /** Open anonymous streams per client address, per process. */
  readonly liveMaxPerAddress: number;
  /** Open streams per process, all together. */
  readonly liveMaxConnections: number;
  /** How long the event log keeps events for Last-Event-ID resumes. */
  readonly eventRetentionMinutes: number;
  /** Each process rereads the event log this often even without a NOTIFY (a safety net). */
  readonly liveSweepMs: number;
  /** Open streams of signed-in members are checked against their session and role this often. */
  readonly liveRecheckMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off, got "${env[name]}"`);
}

/**
 * Development keeps a generated secret in DATA_DIR so sessions survive a restart;
 * production must be given one, since a secret on local disk may not be shared by every process.
 */
function sessionSecret(env: NodeJS.ProcessEnv, mode: Config['env'], dataDir: string): string {
  const given = env.SESSION_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters');
    return given;
  }
  if (mode === 'production') {
    throw new ConfigError('SESSION_SECRET is required when NODE_ENV=production (at least 32 random characters)');
  }
  if (mode === 'test') return randomBytes(32).toString('hex');
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  mkdirSync(dataDir, { recursive: true });
  const fresh = randomBytes(32).toString('hex');
  writeFileSync(file, fresh + '\n', { mode: 0o600 });
  return fresh;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const mode = nodeEnv as Config['env'];
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const logLevel = (env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info')) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  // An empty DATA_DIR would resolve to the working directory and scatter a database there.
  const dataDir = resolve(overrides.dataDir ?? (env.DATA_DIR || './data'));
  const host = env.HOST ?? '0.0.0.0';
  if (host.trim() === '') throw new ConfigError('HOST must not be empty');
  const config: Config = {
    env: mode,
    port: int(env, 'PORT', 3000, 0, 65535),
    host,
    databaseUrl,
    dataDir,
    sessionSecret: overrides.sessionSecret ?? sessionSecret(env, mode, dataDir),
    logLevel,
    rateLimits: bool(env, 'HAVEN_RATE_LIMITS', true),
    webDist: resolve(env.WEB_DIST ?? 'web/dist'),
    configDir: resolve(env.HAVEN_CONFIG_DIR ?? 'config'),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 60 * 24 * 7, 1, 60 * 24 * 365),
    sessionAbsoluteDays: int(env, 'SESSION_ABSOLUTE_DAYS', 30, 1, 365),
    passwordHashCost: int(env, 'PASSWORD_HASH_COST', 17, mode === 'production' ? 15 : 8, 20),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    liveHeartbeatMs: int(env, 'LIVE_HEARTBEAT_MS', 20_000, 1000, 300_000),
    liveRetryMs: int(env, 'LIVE_RETRY_MS', 3000, 100, 600_000),
    liveMaxPerAccount: int(env, 'LIVE_MAX_PER_ACCOUNT', 5, 1, 1000),
    liveMaxPerAddress: int(env, 'LIVE_MAX_PER_ADDRESS', 20, 1, 100_000),
    liveMaxConnections: int(env, 'LIVE_MAX_CONNECTIONS', 10_000, 1, 1_000_000),
    eventRetentionMinutes: int(env, 'EVENT_RETENTION_MINUTES', 60, 1, 60 * 24 * 7),
    liveSweepMs: int(env, 'LIVE_SWEEP_MS', 10_000, 100, 600_000),
    liveRecheckMs: int(env, 'LIVE_RECHECK_MS', 60_000, 1000, 3_600_000),
    ...overrides,
  };
  return Object.freeze(config);
}
