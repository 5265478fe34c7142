import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { fileURLToPath } from 'node:url';
import { migrations } from '../../migrations/index';
import type { Database } from './schema';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function check(result: MigrationResultSet): void {
  // The Migrator reports failure in its result rather than throwing.
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const where = failed ? ` in ${failed.migrationName}` : '';
    throw new Error(`migration failed${where}: ${String(result.error)}`, { cause: result.error });
  }
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const result = await createMigrator(db).migrateToLatest();
  check(result);
  return (result.results ?? []).map((r) => r.migrationName);
}

export async function migrateDown(db: Kysely<Database>): Promise<string[]> {
  const result = await createMigrator(db).migrateDown();
  check(result);
  return (result.results ?? []).map((r) => r.migrationName);
}
