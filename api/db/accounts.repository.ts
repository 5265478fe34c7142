import { sql, type Kysely, type Transaction } from 'kysely';
import type { Account, Database, Role } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export async function findAccountByPseudonym(db: Db, pseudonym: string): Promise<Account | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where(sql<string>`lower(pseudonym)`, '=', pseudonym.toLowerCase())
    .executeTakeFirst();
}

/**
 * An account whose pseudonym folds to the same skeleton (QuietRiver, Qu1et_River, quietriver), so
 * nobody can pass as a member people trust. A sequential scan; registration is rate-limited.
 */
export async function findSkeletonTwin(
  db: Db,
  skeletonOfName: string,
  fold: { from: string; to: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where(sql<string>`translate(lower(pseudonym), ${fold.from}, ${fold.to})`, '=', skeletonOfName)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findAccountById(db: Db, id: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts an account, or returns undefined when the pseudonym (ignoring case) is taken. */
export async function insertAccount(
  db: Db,
  account: { pseudonym: string; passwordHash: string; recoveryHash: string },
): Promise<Account | undefined> {
  const result = await sql<Account>`
    insert into accounts (pseudonym, password_hash, recovery_hash)
    values (${account.pseudonym}, ${account.passwordHash}, ${account.recoveryHash})
    on conflict ((lower(pseudonym))) do nothing
    returning *`.execute(db);
  return result.rows[0];
}

export async function setRole(db: Db, pseudonym: string, role: Role): Promise<Account | undefined> {
  return db
    .updateTable('accounts')
    .set({ role })
    .where(sql<string>`lower(pseudonym)`, '=', pseudonym.toLowerCase())
    .returningAll()
    .executeTakeFirst();
}

/** Serialises role changes until the transaction ends, so two admins demoting each other cannot leave none. */
export async function lockRoleChanges(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(72292)`.execute(trx);
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function suspendAccount(db: Db, accountId: string, until: Date, reason: string): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ suspended_until: until, suspension_reason: reason })
    .where('id', '=', accountId)
    .execute();
}

/**
 * Replaces secrets only if the one that was checked is still stored: of two requests racing with
 * the same recovery code exactly one wins (a code works once), and re-hashing a password at a new
 * cost never brings back a password that a recovery replaced meanwhile.
 */
export async function replaceSecretsIfUnchanged(
  db: Db,
  accountId: string,
  checked: { column: 'password_hash' | 'recovery_hash'; value: string },
  changes: { passwordHash?: string; recoveryHash?: string },
): Promise<boolean> {
  const updated = await db
    .updateTable('accounts')
    .set({
      ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
      ...(changes.recoveryHash !== undefined && { recovery_hash: changes.recoveryHash }),
    })
    .where('id', '=', accountId)
    .where(checked.column, '=', checked.value)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/**
 * Erases an account. Run inside a transaction. Its posts keep their place in threads as tombstones
 * with no text (the posts table refuses a deleted post that holds any), and the threads it started
 * end as an author's deleted opening post leaves them (erasePost, eraseThread): status deleted, the
 * title gone with the rest of their words. Edit history and appeal notes go; deleting the row then
 * cascades to sessions, reactions (whose trigger lowers the counts),
 * notifications, aliases and idempotency records, and sets posts', threads' and flags' author to null.
 */
export async function eraseAccount(db: Db, accountId: string): Promise<void> {
  const ownPosts = db.selectFrom('posts').select('id').where('account_id', '=', accountId);
  await db.deleteFrom('post_edits').where('post_id', 'in', ownPosts).execute();
  await db
    .updateTable('moderation_items')
    .set({ appeal_note: null })
    .where('post_id', 'in', ownPosts)
    .execute();
  await db
    .updateTable('posts')
    .set({ body_md: null, body_html: '', content_warning: null, status: 'deleted', status_reason: null })
    .where('account_id', '=', accountId)
    .execute();
  await db
    .updateTable('threads')
    .set({ status: 'deleted', title: '', content_warning: null })
    .where('account_id', '=', accountId)
    .execute();
  await db.deleteFrom('accounts').where('id', '=', accountId).execute();
}
