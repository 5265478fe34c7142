import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { AUTH_RATE_LIMITS } from '../../api/routes/auth/index';
import { seedBoards } from '../../api/db/seed';
import { ENGINE, createTestDatabase, type TestDatabase } from '../helpers/database';
import { countAccounts } from '../helpers/rows';

const ADDRESS = '203.0.113.77';
const OTHER_ADDRESS = '198.51.100.23';
const PASSWORD = 'correct horse battery staple';

describe(`rate limits and what the logs keep, on ${ENGINE}`, () => {
  let app: FastifyInstance;
  let database: TestDatabase;
  const logLines: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedBoards(database.db);
    // Limits on (the default outside load tests) and the logger at info, writing where we can read it.
    const config = loadConfig(
      { NODE_ENV: 'test' },
      { webDist: null, passwordHashCost: 10, logLevel: 'info' },
    );
    expect(config.rateLimits).toBe(true);
    app = await buildApp(config, { database, logStream: { write: (line) => void logLines.push(line) } });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  const from = (remoteAddress: string, options: InjectOptions) => app.inject({ ...options, remoteAddress });

  it('limits login attempts per client address with 429 and Retry-After', async () => {
    const attempt = (address: string) =>
      from(address, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { pseudonym: 'GuessedName', password: 'guessing a password' },
      });
    for (let i = 0; i < AUTH_RATE_LIMITS.login.max; i += 1)
      expect((await attempt(ADDRESS)).statusCode).toBe(401);
    const limited = await attempt(ADDRESS);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(
      AUTH_RATE_LIMITS.login.timeWindow / 1000,
    );
    // Someone else, elsewhere, is not held back by it.
    expect((await attempt(OTHER_ADDRESS)).statusCode).toBe(401);
  });

  it('limits registrations per client address, storing nothing once limited', async () => {
    const address = '192.0.2.10';
    for (let i = 0; i < AUTH_RATE_LIMITS.register.max; i += 1) {
      const r = await from(address, {
        method: 'POST',
        url: '/api/auth/register',
        payload: { pseudonym: `Newcomer${i}x`, password: PASSWORD },
      });
      expect(r.statusCode).toBe(201);
    }
    const before = await countAccounts(database.db);
    const limited = await from(address, {
      method: 'POST',
      url: '/api/auth/register',
      payload: { pseudonym: 'OneTooMany', password: PASSWORD },
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(await countAccounts(database.db)).toBe(before);
  });

  it('limits recovery attempts per client address', async () => {
    const address = '192.0.2.11';
    const attempt = () =>
      from(address, {
        method: 'POST',
        url: '/api/auth/recover',
        payload: { pseudonym: 'Newcomer0x', recoveryCode: 'AAAAA-BBBBB', newPassword: PASSWORD },
      });
    for (let i = 0; i < AUTH_RATE_LIMITS.recover.max; i += 1) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
  });

  it('never writes a client address, a password or a pseudonym to the log', async () => {
    await from(ADDRESS, {
      method: 'GET',
      url: '/api/me',
      headers: { 'x-forwarded-for': OTHER_ADDRESS, 'x-real-ip': OTHER_ADDRESS },
    });
    await from(ADDRESS, {
      method: 'POST',
      url: '/api/auth/register',
      payload: { pseudonym: 'LoggedNot', password: PASSWORD },
    });
    const log = logLines.join('');
    // The logger did write about these requests, so the checks below can fail.
    expect(log).toContain('"path":"/api/auth/login"');
    expect(log).toContain('"path":"/api/me"');
    expect(log).toContain('"statusCode":429');
    for (const secret of [
      ADDRESS,
      OTHER_ADDRESS,
      '192.0.2.10',
      '192.0.2.11',
      PASSWORD,
      'GuessedName',
      'LoggedNot',
      'Newcomer0x',
    ]) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/remoteAddress|remotePort|"ip"|hostname":"\d/);
  });

  it('turns every limit off with HAVEN_RATE_LIMITS=off', async () => {
    const db = await createTestDatabase();
    const config = loadConfig(
      { NODE_ENV: 'test', HAVEN_RATE_LIMITS: 'off' },
      { webDist: null, passwordHashCost: 10 },
    );
    const unlimited = await buildApp(config, { database: db });
    try {
      for (let i = 0; i <= AUTH_RATE_LIMITS.login.max + 2; i += 1) {
        const r = await unlimited.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: ADDRESS,
          payload: { pseudonym: 'Nobody', password: 'guessing a password' },
        });
        expect(r.statusCode).toBe(401);
      }
    } finally {
      await unlimited.close();
      await db.dispose();
    }
  });
});
