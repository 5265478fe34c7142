import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { findIdempotentResponse, storeIdempotentResponse } from '../db/idempotency.repository';
import { postTimesWithin } from '../db/posts.repository';
import { badRequest, tooManyRequests, unprocessable } from '../errors';
import type { HavenEvent } from '../events/types';

/**
 * What stands between a member's click and a second copy of their post: a per-account lock,
 * Idempotency-Key replay, the double-submit window and the posting rate limit.
 */

export interface Outcome<T> {
  statusCode: number;
  body: T;
  /** Published by the route once the transaction has committed. */
  events: HavenEvent[];
}

/** The same member posting the same text in the same place this soon is a double submit. */
export const DOUBLE_SUBMIT_SECONDS = 10;

/** Posts (threads and replies) per window; a first-day account gets fewer while it proves itself. */
export const POSTING_LIMIT = { windowSeconds: 600, established: 20, newAccount: 5, newAccountDays: 1 } as const;

export function idempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.length < 1 || raw.length > 200 || !/^[\x21-\x7E]+$/.test(raw)) {
    throw badRequest('invalid_idempotency_key', 'Idempotency-Key must be 1–200 visible ASCII characters.');
  }
  return raw;
}

/** A stable hash of what was asked: the route's target and the body as sent. */
export function requestHash(target: string, body: unknown): string {
  return createHash('sha256').update(target).update('\0').update(JSON.stringify(body ?? null)).digest('hex');
}

class KeyTaken extends Error {}

/**
 * Runs `work` in a transaction that holds the member's posting lock, so their writes happen one at
 * a time: a double submit then always finds the first post, and a replayed key its first answer.
 */
export async function postingTransaction<T>(
  db: Kysely<Database>,
  accountId: string,
  idempotency: { key: string | undefined; hash: string },
  work: (trx: Transaction<Database>) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const replay = (stored: { requestHash: string; statusCode: number; response: unknown }): Outcome<T> => {
    if (stored.requestHash !== idempotency.hash) {
      throw unprocessable('idempotency_key_reused', 'This Idempotency-Key was used for a different request.');
    }
    return { statusCode: stored.statusCode, body: stored.response as T, events: [] };
  };
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(4207, hashtext(${accountId}))`.execute(trx);
      if (idempotency.key !== undefined) {
        const stored = await findIdempotentResponse(trx, accountId, idempotency.key);
        if (stored) return replay(stored);
      }
      const outcome = await work(trx);
      if (idempotency.key !== undefined) {
        const saved = await storeIdempotentResponse(trx, accountId, idempotency.key, {
          requestHash: idempotency.hash,
          statusCode: outcome.statusCode,
          response: outcome.body,
        });
        if (!saved) throw new KeyTaken();
      }
      return outcome;
    });
  } catch (error) {
    if (!(error instanceof KeyTaken) || idempotency.key === undefined) throw error;
    const stored = await findIdempotentResponse(db, accountId, idempotency.key);
    if (!stored) throw error;
    return replay(stored);
  }
}

/** 429 with Retry-After when the member has posted as much as the window allows. */
export async function checkPostingRate(
  trx: Transaction<Database>,
  member: { id: string; createdAt: Date },
  enabled: boolean,
  now = new Date(),
): Promise<void> {
  if (!enabled) return;
  const young = now.getTime() - member.createdAt.getTime() < POSTING_LIMIT.newAccountDays * 86_400_000;
  const allowed = young ? POSTING_LIMIT.newAccount : POSTING_LIMIT.established;
  const times = await postTimesWithin(trx, member.id, POSTING_LIMIT.windowSeconds, allowed);
  if (times.length < allowed) return;
  const oldest = times[times.length - 1]!;
  const retryAfter = (oldest.getTime() + POSTING_LIMIT.windowSeconds * 1000 - now.getTime()) / 1000;
  throw tooManyRequests(retryAfter, 'You are posting very quickly. Please take a short breath and try again in a moment.');
}
