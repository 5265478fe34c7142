import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, DecisionAction, ItemStatus, ModerationItem } from './schema';

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

export type ItemRow = ModerationItem & { claimed_by_name: string | null };

function itemsWithClaimer(db: Db) {
  return db
    .selectFrom('moderation_items as i')
    .leftJoin('accounts as c', 'c.id', 'i.claimed_by')
    .selectAll('i')
    .select('c.pseudonym as claimed_by_name');
}

export async function findItem(db: Db, id: string): Promise<ItemRow | undefined> {
  return itemsWithClaimer(db).where('i.id', '=', id).executeTakeFirst();
}

export async function findItems(db: Db, ids: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return itemsWithClaimer(db).where('i.id', 'in', ids).execute();
}

/** The post's most recent item, resolved or not: appeals are checked against it. */
export async function latestItemForPost(db: Db, postId: string): Promise<ModerationItem | undefined> {
  return db.selectFrom('moderation_items').selectAll().where('post_id', '=', postId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Adds to an item's weight without touching its version (the caller holds the row lock). */
export async function addItemWeight(db: Db, itemId: string, weight: number): Promise<void> {
  if (weight === 0) return;
  await db
    .updateTable('moderation_items')
    .set((eb) => ({ weight: eb('weight', '+', weight) }))
    .where('id', '=', itemId)
    .execute();
}

/** Position of an item in the queue: the keyset the cursor carries (created_at to the millisecond). */
export interface QueuePosition {
  crisis: boolean;
  weight: number;
  createdAt: Date;
  id: string;
}

const CREATED_MS = sql<Date>`date_trunc('milliseconds', i.created_at)`;

/**
 * One page of the queue, most urgent first: crisis, then weight, then oldest, then id. The
 * millisecond truncation makes the order and the cursor agree, since JavaScript dates have no
 * microseconds.
 */
export async function listQueue(
  db: Db,
  q: { statuses: readonly ItemStatus[]; after: QueuePosition | null; limit: number },
): Promise<Array<ItemRow & { created_ms: Date }>> {
  return queueQuery(db, q).execute();
}

/** The queue page query, apart so its SQL can be snapshotted (tests/sql/moderation-queue.sql). */
export function queueQuery(db: Db, q: { statuses: readonly ItemStatus[]; after: QueuePosition | null; limit: number }) {
  return itemsWithClaimer(db)
    .select(CREATED_MS.as('created_ms'))
    .where('i.status', 'in', q.statuses)
    .$if(q.after !== null, (qb) => {
      const a = q.after!;
      return qb.where((eb) =>
        eb.or([
          // after a crisis item come all the others; nothing comes after the last non-crisis lane
          ...(a.crisis ? [eb('i.crisis', '=', false)] : []),
          eb.and([eb('i.crisis', '=', a.crisis), eb('i.weight', '<', a.weight)]),
          eb.and([eb('i.crisis', '=', a.crisis), eb('i.weight', '=', a.weight), eb(CREATED_MS, '>', a.createdAt)]),
          eb.and([
            eb('i.crisis', '=', a.crisis),
            eb('i.weight', '=', a.weight),
            eb(CREATED_MS, '=', a.createdAt),
            eb('i.id', '>', a.id),
          ]),
        ]),
      );
    })
    .orderBy('i.crisis', 'desc')
    .orderBy('i.weight', 'desc')
    .orderBy(CREATED_MS)
    .orderBy('i.id')
    .limit(q.limit);
}

/**
 * Takes or extends a claim in one conditional UPDATE, so two moderators racing for the same item
 * cannot both win: the row lock serialises them and the second sees the first's fresh claim.
 */
export async function claimItem(
  db: Db,
  c: { itemId: string; moderatorId: string; minutes: number; mayTakeEscalated: boolean },
): Promise<ModerationItem | undefined> {
  return db
    .updateTable('moderation_items')
    .set({ claimed_by: c.moderatorId, claimed_until: sql<Date>`now() + make_interval(mins => ${c.minutes})` })
    .where('id', '=', c.itemId)
    .where('status', c.mayTakeEscalated ? '<>' : '=', c.mayTakeEscalated ? 'resolved' : 'open')
    .where((eb) =>
      eb.or([eb('claimed_by', 'is', null), eb('claimed_until', '<', sql<Date>`now()`), eb('claimed_by', '=', c.moderatorId)]),
    )
    .returningAll()
    .executeTakeFirst();
}

/**
 * Applies a decision if and only if the item is still at the version the moderator saw, is not
 * resolved, and nobody else holds a fresh claim on it. Exactly one concurrent caller gets a row.
 */
export async function applyDecision(
  db: Db,
  d: {
    itemId: string;
    version: number;
    actorId: string;
    status: ItemStatus;
    decision: DecisionAction;
    reason: string | null;
    mayDecideEscalated: boolean;
  },
): Promise<ModerationItem | undefined> {
  const resolved = d.status === 'resolved';
  return db
    .updateTable('moderation_items')
    .set((eb) => ({
      version: eb('version', '+', 1),
      status: d.status,
      decision: d.decision,
      decision_reason: d.reason,
      resolved_at: resolved ? sql<Date>`now()` : null,
      claimed_by: null,
      claimed_until: null,
    }))
    .where('id', '=', d.itemId)
    .where('version', '=', d.version)
    .where('status', d.mayDecideEscalated ? '<>' : '=', d.mayDecideEscalated ? 'resolved' : 'open')
    .where((eb) =>
      eb.or([eb('claimed_by', 'is', null), eb('claimed_until', '<', sql<Date>`now()`), eb('claimed_by', '=', d.actorId)]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Records an author's appeal on an item once; a second appeal on the same item gets false. */
export async function setAppealNote(db: Db, itemId: string, note: string): Promise<boolean> {
  const row = await db
    .updateTable('moderation_items')
    .set({ appeal_note: note })
    .where('id', '=', itemId)
    .where('appeal_note', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
