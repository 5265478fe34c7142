/**
 * Start-up time: from spawning `tsx api/server.ts` to the first 200 from /healthz, on the
 * embedded database (fresh data dir, then a second start on it) and on the PostgreSQL server
 * when BENCH_DATABASE_URL (default: the local test server) answers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;

async function timeToHealthy(env: NodeJS.ProcessEnv, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WEB_DIST: '/nonexistent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (performance.now() - started > 60_000) throw new Error('not healthy within 60 s');
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'haven-bench-startup-'));
try {
  const fresh = await timeToHealthy({ DATA_DIR: dataDir }, 3901);
  const again = await timeToHealthy({ DATA_DIR: dataDir }, 3902);
  console.log(`embedded PGlite, fresh data dir: ${fresh.toFixed(0)} ms to first /healthz 200`);
  console.log(`embedded PGlite, existing data:  ${again.toFixed(0)} ms`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `haven_bench_startup_${process.pid}`;
const client = new pg.Client({ connectionString: admin });
try {
  await client.connect();
  await client.query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const fresh = await timeToHealthy({ DATABASE_URL: url.toString(), DATA_DIR: tmpdir() }, 3903);
  const again = await timeToHealthy({ DATABASE_URL: url.toString(), DATA_DIR: tmpdir() }, 3904);
  console.log(`PostgreSQL server, empty database: ${fresh.toFixed(0)} ms`);
  console.log(`PostgreSQL server, migrated:       ${again.toFixed(0)} ms`);
  await client.query(`drop database ${name} with (force)`);
} catch (error) {
  console.log(`PostgreSQL server: skipped (${(error as Error).message})`);
} finally {
  await client.end().catch(() => undefined);
}
