import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildApp } from '../../api/app';
import { loadConfig, type Config } from '../../api/config';
import { roleCommand } from '../../api/cli/role';
import { LOCK_FILE } from '../../api/db/embedded-lock';
import { createTestDatabaseUrl } from '../helpers/database';
import { newMember } from '../helpers/members';

const run = promisify(execFile);

/** The CLI as an operator runs it: its own process, configured by the environment. */
async function cli(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'api/cli.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function configFor(env: Record<string, string>): Config {
  return loadConfig(
    { NODE_ENV: 'test', HAVEN_RATE_LIMITS: 'off', ...env },
    { webDist: null, passwordHashCost: 10 },
  );
}

// Each case spawns Node processes and opens PGlite; a loaded CI machine needs more than the default.
describe('npm run cli -- role', { timeout: 120_000 }, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('sets a role on PostgreSQL while the server runs, from the member’s next request', async () => {
    const database = await createTestDatabaseUrl();
    cleanups.push(() => database.dispose());
    const config = configFor({ DATABASE_URL: database.url });
    const app = await buildApp(config);
    cleanups.push(() => app.close());
    await app.ready();
    const m = await newMember(app, { pseudonym: 'FirstAdmin' });

    const result = await cli({ DATABASE_URL: database.url }, 'role', 'firstadmin', 'admin');
    expect(result).toMatchObject({ code: 0, stdout: 'FirstAdmin is now admin.\n' });
    expect((await m.request({ url: '/api/me' })).json().user.role).toBe('admin');
    const log = await app.db.selectFrom('moderation_log').selectAll().execute();
    expect(log).toEqual([
      expect.objectContaining({
        actor_name: 'cli',
        actor_id: null,
        action: 'role',
        subject: 'FirstAdmin: member -> admin',
      }),
    ]);

    // The CLI may demote the last admin: it is the operator's way back in.
    expect(await roleCommand.run(config, ['FirstAdmin', 'member'])).toBe(0);
    expect(await roleCommand.run(config, ['NoSuchMember', 'admin'])).toBe(1);
    expect(await roleCommand.run(config, ['FirstAdmin', 'superuser'])).toBe(2);
    expect(await roleCommand.run(config, ['FirstAdmin'])).toBe(2);
  });

  it('refuses, clearly, while a server holds the embedded database, and works once it stops', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'haven-cli-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir };
    const config = configFor(env);
    let app = await buildApp(config);
    await app.ready();
    await newMember(app, { pseudonym: 'EmbeddedAdmin' });
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);

    const refused = await cli(env, 'role', 'EmbeddedAdmin', 'admin');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('in use by another Haven process');
    expect(refused.stderr).toContain(`pid ${process.pid}`);
    expect(refused.stderr).toContain('stop that process first');

    await app.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    const done = await cli(env, 'role', 'EmbeddedAdmin', 'admin');
    expect(done).toMatchObject({ code: 0, stdout: 'EmbeddedAdmin is now admin.\n' });

    app = await buildApp(config);
    cleanups.push(() => app.close());
    const row = await app.db
      .selectFrom('accounts')
      .select('role')
      .where('pseudonym', '=', 'EmbeddedAdmin')
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('admin');
  });

  it('takes over a lock left by a process that died', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'haven-cli-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // A pid far above any pid_max: no such process.
    writeFileSync(
      join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 30, role: 'server', since: '2020-01-01T00:00:00Z' }),
    );
    const result = await cli({ DATA_DIR: dataDir }, 'migrate');
    expect(result.code).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });
});
