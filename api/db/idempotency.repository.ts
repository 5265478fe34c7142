import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredResponse {
  requestHash: string;
  statusCode: number;
  response: unknown;
}

export async function findIdempotentResponse(db: Db, accountId: string, key: string): Promise<StoredResponse | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && { requestHash: row.request_hash, statusCode: row.status_code, response: row.response };
}

/** Records the first response for a key; false when another request stored one first. */
export async function storeIdempotentResponse(
  db: Db,
  accountId: string,
  key: string,
  stored: StoredResponse,
): Promise<boolean> {
  const row = await db
    .insertInto('idempotency_keys')
    .values({
      account_id: accountId,
      key,
      request_hash: stored.requestHash,
      status_code: stored.statusCode,
      response: JSON.stringify(stored.response),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}
