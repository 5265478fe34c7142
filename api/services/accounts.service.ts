import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Account, Database } from '../db/schema';
import {
  eraseAccount,
  findAccountById,
  findAccountByPseudonym,
  findSkeletonTwin,
  insertAccount,
  replaceSecretsIfUnchanged,
} from '../db/accounts.repository';
import { deleteAccountSessions } from '../db/sessions.repository';
import { SKELETON_TRANSLATE, checkPassword, checkPseudonym, isWellFormedPseudonym, skeleton } from '../auth/pseudonyms';
import { dummyHash, hashSecret, needsRehash, newRecoveryCode, normaliseRecoveryCode, verifySecret, type HashParams } from '../auth/passwords';
import { AppError, conflict, forbidden, unauthorized } from '../errors';
import type { UserDto } from '../schemas/auth';

export const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'That pseudonym and password do not match an account.');

const pseudonymTaken = () => conflict('pseudonym_taken', 'That pseudonym is taken. Please choose another.');

export const invalidRecovery = () =>
  new AppError(401, 'invalid_recovery', 'That pseudonym and recovery code do not match an account.');

export const wrongPassword = () => forbidden('wrong_password', 'That password is not right, so nothing was changed.');

export function toUserDto(account: Pick<Account, 'pseudonym' | 'role' | 'created_at' | 'suspended_until' | 'suspension_reason'>): UserDto {
  const suspended = account.suspended_until !== null && account.suspended_until > new Date();
  return {
    pseudonym: account.pseudonym,
    role: account.role,
    createdAt: account.created_at.toISOString(),
    suspendedUntil: suspended ? account.suspended_until!.toISOString() : null,
    suspensionReason: suspended ? account.suspension_reason : null,
  };
}

export function hashParams(config: Config): HashParams {
  return { log2N: config.passwordHashCost, r: 8, p: 1 };
}

export function createAccountsService(db: Kysely<Database>, config: Config) {
  const params = hashParams(config);
  // Made at start-up, not on the first miss: otherwise the first wrong pseudonym costs two hashes.
  const dummy = dummyHash(params);
  dummy.catch(() => undefined);

  /**
   * Finds an account and checks one of its secrets with exactly one scrypt whether or not the
   * pseudonym exists, so neither the answer nor its timing says who has an account here.
   */
  async function checkSecret(pseudonym: string, secret: string, which: 'password_hash' | 'recovery_hash'): Promise<Account | null> {
    // A malformed pseudonym cannot exist; it still costs one hash, and never reaches SQL.
    const account = isWellFormedPseudonym(pseudonym) ? await findAccountByPseudonym(db, pseudonym) : undefined;
    if (!account) {
      await verifySecret(secret, await dummy);
      return null;
    }
    return (await verifySecret(secret, account[which])) ? account : null;
  }

  return {
    async register(pseudonymRaw: string, passwordRaw: string): Promise<{ account: Account; recoveryCode: string }> {
      const pseudonym = checkPseudonym(pseudonymRaw);
      const password = checkPassword(passwordRaw);
      if (await findSkeletonTwin(db, skeleton(pseudonym), SKELETON_TRANSLATE)) throw pseudonymTaken();
      const recoveryCode = newRecoveryCode();
      const [passwordHash, recoveryHash] = await Promise.all([
        hashSecret(password, params),
        hashSecret(normaliseRecoveryCode(recoveryCode), params),
      ]);
      const account = await insertAccount(db, { pseudonym, passwordHash, recoveryHash });
      if (!account) throw pseudonymTaken();
      return { account, recoveryCode };
    },

    /** Same answer and the same work (one scrypt) whether the pseudonym or the password is wrong. */
    async login(pseudonym: string, password: string): Promise<Account> {
      const account = await checkSecret(pseudonym, password, 'password_hash');
      if (!account) throw invalidCredentials();
      // After PASSWORD_HASH_COST changes, each member's hash moves to the new cost at their next sign-in.
      if (needsRehash(account.password_hash, params)) {
        const passwordHash = await hashSecret(password, params);
        await replaceSecretsIfUnchanged(db, account.id, { column: 'password_hash', value: account.password_hash }, { passwordHash });
      }
      return account;
    },

    /**
     * A recovery code sets a new password and is replaced by a new code (each works once).
     * Every session of the account ends: whoever knew the old password is signed out too.
     */
    async recover(pseudonym: string, code: string, newPasswordRaw: string): Promise<{ account: Account; recoveryCode: string }> {
      const newPassword = checkPassword(newPasswordRaw, 'new password');
      const account = await checkSecret(pseudonym, normaliseRecoveryCode(code), 'recovery_hash');
      if (!account) throw invalidRecovery();
      const recoveryCode = newRecoveryCode();
      const [passwordHash, recoveryHash] = await Promise.all([
        hashSecret(newPassword, params),
        hashSecret(normaliseRecoveryCode(recoveryCode), params),
      ]);
      const replaced = await db.transaction().execute(async (trx) => {
        const checked = { column: 'recovery_hash', value: account.recovery_hash } as const;
        const won = await replaceSecretsIfUnchanged(trx, account.id, checked, { passwordHash, recoveryHash });
        if (won) await deleteAccountSessions(trx, account.id);
        return won;
      });
      // Another request used the same code a moment earlier.
      if (!replaced) throw invalidRecovery();
      return { account, recoveryCode };
    },

    async logoutEverywhere(accountId: string): Promise<void> {
      await deleteAccountSessions(db, accountId);
    },

    /** Deletes the account after checking its password; its posts stay as tombstones by "deleted". */
    async deleteAccount(accountId: string, password: string): Promise<void> {
      const account = await findAccountById(db, accountId);
      if (!account) throw unauthorized();
      if (password.length > 200 || !(await verifySecret(password, account.password_hash))) throw wrongPassword();
      await db.transaction().execute((trx) => eraseAccount(trx, accountId));
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
