import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, FlagReason } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewFlag {
  postId: string;
  accountId: string;
  itemId: string;
  reason: FlagReason;
  note: string | null;
}

/** Inserts a flag, or returns undefined when this member has already flagged this post. */
export async function insertFlag(db: Db, flag: NewFlag): Promise<{ id: string; created_at: Date } | undefined> {
  return db
    .insertInto('flags')
    .values({ post_id: flag.postId, account_id: flag.accountId, item_id: flag.itemId, reason: flag.reason, note: flag.note })
    .onConflict((oc) => oc.columns(['post_id', 'account_id']).doNothing())
    .returning(['id', 'created_at'])
    .executeTakeFirst();
}

/** Per item and reason: what moderators see in place of the flaggers, who are never listed. */
export interface ReasonSummary {
  reason: FlagReason;
  count: number;
  notes: string[];
}

export async function countFlags(db: Db, itemId: string, reason: FlagReason): Promise<number> {
  const row = await db
    .selectFrom('flags')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('item_id', '=', itemId)
    .where('reason', '=', reason)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function reasonsForItems(db: Db, itemIds: readonly string[]): Promise<Map<string, ReasonSummary[]>> {
  const out = new Map<string, ReasonSummary[]>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom('flags')
    .select([
      'item_id',
      'reason',
      sql<number>`count(*)::int`.as('count'),
      sql<string[]>`coalesce(array_agg(note order by id) filter (where note is not null), '{}')`.as('notes'),
    ])
    .where('item_id', 'in', itemIds)
    .groupBy(['item_id', 'reason'])
    .orderBy('item_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('reason')
    .execute();
  for (const row of rows) {
    const list = out.get(row.item_id) ?? [];
    list.push({ reason: row.reason, count: row.count, notes: row.notes });
    out.set(row.item_id, list);
  }
  return out;
}
