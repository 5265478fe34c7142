import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Role } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface SessionMember {
  sessionId: string;
  id: string;
  pseudonym: string;
  role: Role;
  createdAt: Date;
  suspendedUntil: Date | null;
  suspensionReason: string | null;
  lastSeenAt: Date;
}

export async function insertSession(db: Db, id: string, accountId: string, expiresAt: Date): Promise<void> {
  await db.insertInto('sessions').values({ id, account_id: accountId, expires_at: expiresAt }).execute();
}

/** A session counts only while it is inside both its absolute and its idle lifetime. */
export async function findLiveSession(db: Db, id: string, idleMinutes: number): Promise<SessionMember | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'sessions.id as sessionId',
      'accounts.id',
      'accounts.pseudonym',
      'accounts.role',
      'accounts.created_at as createdAt',
      'accounts.suspended_until as suspendedUntil',
      'accounts.suspension_reason as suspensionReason',
      'sessions.last_seen_at as lastSeenAt',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('sessions.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .executeTakeFirst();
  return row ?? null;
}

export async function touchSession(db: Db, id: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: sql`now()` }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteAccountSessions(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

/** The role behind each of these sessions that is still live (open live-update streams recheck them). */
export async function liveSessionRoles(db: Db, ids: readonly string[], idleMinutes: number): Promise<Map<string, Role>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select(['sessions.id', 'accounts.role'])
    .where('sessions.id', 'in', ids)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('sessions.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .execute();
  return new Map(rows.map((r) => [r.id, r.role]));
}
