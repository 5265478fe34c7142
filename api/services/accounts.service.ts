import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Account, Database } from '../db/schema';
import { findAccountByPseudonym, insertAccount } from '../db/accounts.repository';
import { checkPassword, checkPseudonym } from '../auth/pseudonyms';
import { dummyHash, hashSecret, newRecoveryCode, verifySecret, type HashParams } from '../auth/passwords';
import { AppError, conflict } from '../errors';
import type { UserDto } from '../schemas/auth';

export const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'That pseudonym and password do not match an account.');

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
  let dummy: Promise<string> | undefined;

  return {
    async register(pseudonymRaw: string, passwordRaw: string): Promise<{ account: Account; recoveryCode: string }> {
      const pseudonym = checkPseudonym(pseudonymRaw);
      const password = checkPassword(passwordRaw);
      const recoveryCode = newRecoveryCode();
      const [passwordHash, recoveryHash] = await Promise.all([
        hashSecret(password, params),
        hashSecret(recoveryCode.replace(/-/g, ''), params),
      ]);
      const account = await insertAccount(db, { pseudonym, passwordHash, recoveryHash });
      if (!account) throw conflict('pseudonym_taken', 'That pseudonym is taken. Please choose another.');
      return { account, recoveryCode };
    },

    /** Same answer and the same work (one scrypt) whether the pseudonym or the password is wrong. */
    async login(pseudonym: string, password: string): Promise<Account> {
      const account = pseudonym.length <= 32 ? await findAccountByPseudonym(db, pseudonym) : undefined;
      if (!account) {
        dummy ??= dummyHash(params);
        await verifySecret(password, await dummy);
        throw invalidCredentials();
      }
      if (!(await verifySecret(password, account.password_hash))) throw invalidCredentials();
      return account;
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
