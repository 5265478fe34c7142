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

export async function updateCredentials(
  db: Db,
  accountId: string,
  changes: { passwordHash?: string; recoveryHash?: string },
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
      ...(changes.recoveryHash !== undefined && { recovery_hash: changes.recoveryHash }),
    })
    .where('id', '=', accountId)
    .execute();
}

export async function setRole(db: Db, pseudonym: string, role: Role): Promise<Account | undefined> {
  return db
    .updateTable('accounts')
    .set({ role })
    .where(sql<string>`lower(pseudonym)`, '=', pseudonym.toLowerCase())
    .returningAll()
    .executeTakeFirst();
}

export async function suspendAccount(db: Db, accountId: string, until: Date, reason: string): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ suspended_until: until, suspension_reason: reason })
    .where('id', '=', accountId)
    .execute();
}
