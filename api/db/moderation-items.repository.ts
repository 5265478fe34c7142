import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface ItemContribution {
  postId: string;
  /** A crisis item goes to the top of the queue and stays there. */
  crisis: boolean;
  /** Added to the item's weight (flag weights, rule weights). */
  weight: number;
  /** Names of automatic rules that fired, merged into the item's list. */
  automatic: string[];
}

/**
 * Flags and rule hits on one post gather into its one unresolved item; when none is open
 * (never was, or the last was resolved) a new one opens. Atomic under concurrency: the partial
 * unique index on unresolved items turns the race into an upsert. Bumps `version`, since the
 * item a moderator is deciding on has changed.
 */
export async function openOrJoinItem(db: Db, c: ItemContribution): Promise<{ id: string; created: boolean }> {
  const result = await sql<{ id: string; created: boolean }>`
    insert into moderation_items (post_id, crisis, weight, automatic)
    values (${c.postId}, ${c.crisis}, ${c.weight}, ${sql.val(c.automatic)}::text[])
    on conflict (post_id) where status <> 'resolved'
    do update set
      crisis = moderation_items.crisis or excluded.crisis,
      weight = moderation_items.weight + excluded.weight,
      automatic = array(select distinct unnest(moderation_items.automatic || excluded.automatic) order by 1),
      version = moderation_items.version + 1
    returning id, (xmax = 0) as created`.execute(db);
  return result.rows[0]!;
}
