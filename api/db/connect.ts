import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Database } from './schema';
import { lockEmbeddedDatabase } from './embedded-lock';
import { listenOnPglite, listenOnServer, type ListenOptions, type Listening } from './listen';

// bigint (int8) columns stay strings: IDs are opaque to clients and must not lose precision.
// count(*) comes back as int8 too, so callers cast counts with ::int in SQL.

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly engine: 'postgres' | 'pglite';
  /** Closes the pool and, for the embedded engine, the PGlite instance (or the process would hang). */
  close(): Promise<void>;
  /** LISTENs on a channel over a connection of its own (not one of the pool's), reconnecting if it drops. */
  listen(channel: string, options: ListenOptions): Promise<Listening>;
}

export interface ConnectOptions {
  databaseUrl: string | null;
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** Use an already opened PGlite instance (tests clone one per file). */
  pglite?: PGlite;
  poolSize?: number;
  /** Who holds the embedded database while open (shown to a second process that tries to open it). */
  holder?: string;
}

export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl !== null) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = options.databaseUrl;
    return { db, engine: 'postgres', close: () => db.destroy(), listen: (channel, o) => listenOnServer(url, channel, o) };
  }
  let pglite = options.pglite;
  const owned = pglite === undefined;
  let release = (): void => undefined;
  if (pglite === undefined) {
    const dir = options.dataDir === 'memory://' ? 'memory://' : join(options.dataDir, 'pglite');
    if (dir !== 'memory://') {
      mkdirSync(dir, { recursive: true });
      // PGlite itself would let a second process open the folder and corrupt it; see embedded-lock.ts.
      release = lockEmbeddedDatabase(options.dataDir, options.holder ?? 'server');
    }
    try {
      pglite = await PGlite.create(dir);
    } catch (error) {
      release();
      throw error;
    }
  }
  const instance = pglite;
  const pool = new pg.Pool(createPgConfig(instance) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    async close() {
      try {
        await db.destroy();
        if (owned && !instance.closed) await instance.close();
      } finally {
        release();
      }
    },
    listen: (channel, o) => listenOnPglite(instance, channel, o),
  };
}
