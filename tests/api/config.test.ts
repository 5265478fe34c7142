import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/config';

describe('configuration', () => {
  it('refuses to start in production without a session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET is required/);
  });

  it('keeps a generated development secret in DATA_DIR so sessions survive a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-config-'));
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.sessionSecret).toHaveLength(64);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(first.sessionSecret);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ HAVEN_RATE_LIMITS: 'maybe' }, /HAVEN_RATE_LIMITS must be on or off/],
    [{ SESSION_SECRET: 'short' }, /at least 32/],
  ])('explains a bad value %o', (env, message) => {
    expect(() => loadConfig({ NODE_ENV: 'test', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', ...env })).toThrow(message);
  });

  it('treats an empty DATA_DIR as unset instead of the working directory', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: '' }).dataDir).toBe(join(process.cwd(), 'data'));
  });

  it('turns rate limits off only when asked', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).rateLimits).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', HAVEN_RATE_LIMITS: 'off' }).rateLimits).toBe(false);
  });
});
