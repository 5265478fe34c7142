import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../../api/db/connect';
import { MIGRATIONS_DIR, migrateToLatest } from '../../api/db/migrator';

export type Engine = 'postgres' | 'pglite';

/** Which engine this run's database suites use; vitest runs them once per engine (see vitest.config.ts). */
export const ENGINE: Engine = process.env.HAVEN_TEST_ENGINE === 'pglite' ? 'pglite' : 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function urlFor(database: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The template's name follows the migrations' content, so a changed migration gets a new template. */
function templateName(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  return `haven_tpl_${hash.digest('hex').slice(0, 16)}`;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function ensureTemplate(): Promise<string> {
  const template = templateName();
  await withAdmin(async (admin) => {
    // Workers race to build the template; the advisory lock lets one migrate while the rest wait.
    await admin.query('select pg_advisory_lock(72291)');
    try {
      const found = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (found.rowCount === 0) {
        // A run that died mid-build leaves this behind; we hold the lock, so nobody else is using it.
        await admin.query(`drop database if exists "${template}_building" with (force)`);
        await admin.query(`create database "${template}_building"`);
        const handle = await connectDatabase({ databaseUrl: urlFor(`${template}_building`), dataDir: 'memory://', poolSize: 1 });
        await migrateToLatest(handle.db);
        await handle.close();
        await admin.query(`alter database "${template}_building" rename to "${template}"`);
      }
    } finally {
      await admin.query('select pg_advisory_unlock(72291)');
    }
  });
  return template;
}

export interface TestDatabase extends DatabaseHandle {
  /** Closes and, on the server, drops this file's database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a copy of a migrated template on the real
 * server, or an in-memory PGlite. Files never share one, so they can run in parallel.
 */
export async function createTestDatabase(engine: Engine = ENGINE, options: { poolSize?: number } = {}): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const handle = await connectDatabase({ databaseUrl: null, dataDir: 'memory://' });
    await migrateToLatest(handle.db);
    return { ...handle, dispose: () => handle.close() };
  }
  const template = await ensureTemplate();
  const name = `haven_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => admin.query(`create database "${name}" template "${template}"`));
  const handle = await connectDatabase({ databaseUrl: urlFor(name), dataDir: 'memory://', poolSize: options.poolSize ?? 20 });
  return {
    ...handle,
    async dispose() {
      await handle.close();
      await withAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

/** A database URL for tests that start separate server processes (several API processes on one database). */
export async function createTestDatabaseUrl(): Promise<{ url: string; dispose(): Promise<void> }> {
  const template = await ensureTemplate();
  const name = `haven_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => admin.query(`create database "${name}" template "${template}"`));
  return {
    url: urlFor(name),
    dispose: () => withAdmin(async (admin) => void (await admin.query(`drop database if exists "${name}" with (force)`))),
  };
}
