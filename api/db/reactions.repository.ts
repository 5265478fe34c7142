import type { Kysely, Transaction } from 'kysely';
import type { Database, ReactionKind } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface ReactionCounts {
  hug: number;
  relate: number;
  thanks: number;
  strength: number;
}

/**
 * Adds a reaction; true when it was new. The primary key makes a repeat a no-op and the trigger
 * on `reactions` moves the post's count in the same statement, so concurrent clicks cannot drift.
 */
export async function addReaction(db: Db, postId: string, accountId: string, kind: ReactionKind): Promise<boolean> {
  const row = await db
    .insertInto('reactions')
    .values({ post_id: postId, account_id: accountId, kind })
    .onConflict((oc) => oc.doNothing())
    .returning('post_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function removeReaction(db: Db, postId: string, accountId: string, kind: ReactionKind): Promise<boolean> {
  const result = await db
    .deleteFrom('reactions')
    .where('post_id', '=', postId)
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function reactionCounts(db: Db, postId: string): Promise<ReactionCounts> {
  const row = await db
    .selectFrom('posts')
    .select([
      'reaction_hug as hug',
      'reaction_relate as relate',
      'reaction_thanks as thanks',
      'reaction_strength as strength',
    ])
    .where('id', '=', postId)
    .executeTakeFirstOrThrow();
  return row;
}
