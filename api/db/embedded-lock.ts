import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite takes no lock on its folder: a second process opens it without complaint and sees (and
 * writes over) a stale copy. So whoever opens the embedded database, the server or a CLI command,
 * first claims this pid file in DATA_DIR, and refuses while a live process holds it.
 */
export const LOCK_FILE = 'haven.pid';

export class EmbeddedDatabaseInUse extends Error {
  override name = 'EmbeddedDatabaseInUse';
  constructor(
    readonly lockPath: string,
    readonly holder: { pid: number; role: string; since: string },
  ) {
    super(
      `the embedded database is in use by another Haven process (${holder.role}, pid ${holder.pid}, since ${holder.since}). ` +
        'It allows one process at a time: stop that process first, or run Haven on PostgreSQL (DATABASE_URL). ' +
        `If no Haven process is running, delete ${lockPath}.`,
    );
  }
}

interface Holder {
  pid: number;
  role: string;
  since: string;
}

/** Folders this process holds, so our own stale file (a restarted container reusing a pid) is told apart. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): Holder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, role: String(parsed.role ?? 'unknown'), since: String(parsed.since ?? '?') }
      : null;
  } catch {
    return null;
  }
}

/** Claims the embedded database in `dataDir` for this process; returns the release function. */
export function lockEmbeddedDatabase(dataDir: string, role: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  if (heldHere.has(path))
    throw new EmbeddedDatabaseInUse(path, { pid: process.pid, role: 'this process', since: 'now' });
  const mine: Holder = { pid: process.pid, role, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(path, JSON.stringify(mine) + '\n', { flag: 'wx', mode: 0o600 });
      heldHere.add(path);
      const release = (): void => {
        if (!heldHere.delete(path)) return;
        process.removeListener('exit', release);
        if (readHolder(path)?.pid === process.pid) {
          try {
            unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        }
      };
      // A crash still removes the file; a SIGKILL leaves it, and the next opener finds its pid dead.
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder !== null && holder.pid !== process.pid && isAlive(holder.pid))
        throw new EmbeddedDatabaseInUse(path, holder);
      // Stale: its process is gone (or it is unreadable); take it over.
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed it first; the next attempt settles who gets it.
      }
    }
  }
  const holder = readHolder(path) ?? { pid: -1, role: 'unknown', since: '?' };
  throw new EmbeddedDatabaseInUse(path, holder);
}
