import type { Migration } from 'kysely';
import * as m0001 from './0001_initial_schema';
import * as m0002 from './0002_thread_counts';
import * as m0003 from './0003_event_log';

/**
 * Every migration, listed by hand: a static import works under tsx, vitest and any bundler,
 * where a folder scan with dynamic import() of .ts files does not. Append new ones in order.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial_schema': m0001,
  '0002_thread_counts': m0002,
  '0003_event_log': m0003,
};
