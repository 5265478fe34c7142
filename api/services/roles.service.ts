import type { Kysely } from 'kysely';
import type { Account, Database, Role } from '../db/schema';
import { countAdmins, findAccountByPseudonym, lockRoleChanges, setRole } from '../db/accounts.repository';
import { appendModerationLog } from '../db/moderation-log.repository';
import { conflict, notFound } from '../errors';
import { isWellFormedPseudonym } from '../auth/pseudonyms';

export const ROLES: readonly Role[] = ['member', 'moderator', 'admin'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface RoleActor {
  id: string | null;
  name: string;
}

/**
 * Sets a member's role and writes it to the moderation log in one transaction. The role is read
 * from the database on every request, so the change holds from the member's very next request.
 * An admin cannot demote the last admin over HTTP (nobody could undo it but the CLI).
 */
export async function changeRole(
  db: Kysely<Database>,
  target: string,
  role: Role,
  actor: RoleActor,
  options: { keepOneAdmin: boolean } = { keepOneAdmin: true },
): Promise<Account> {
  if (!isWellFormedPseudonym(target)) throw notFound('There is no member with that pseudonym.');
  return db.transaction().execute(async (trx) => {
    await lockRoleChanges(trx);
    const current = await findAccountByPseudonym(trx, target);
    if (!current) throw notFound('There is no member with that pseudonym.');
    if (current.role === role) return current;
    if (options.keepOneAdmin && current.role === 'admin' && (await countAdmins(trx)) <= 1) {
      throw conflict('last_admin', 'This is the last admin. Make someone else an admin first.');
    }
    const updated = await setRole(trx, current.pseudonym, role);
    if (!updated) throw notFound('There is no member with that pseudonym.');
    await appendModerationLog(trx, {
      actorId: actor.id,
      actorName: actor.name,
      action: 'role',
      subject: `${updated.pseudonym}: ${current.role} -> ${role}`,
    });
    return updated;
  });
}
