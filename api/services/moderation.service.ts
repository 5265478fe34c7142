import type { Kysely, Transaction } from 'kysely';
import {
  APPEAL_NOTE_MAX,
  REASON_MAX,
  appeal,
  canClaim,
  checkSuspension,
  decide,
  type ItemState,
  type ModerationConfig,
  type ModerationError,
} from '../../moderation/index';
import type { CrisisResource } from '../crisis-resources';
import { suspendAccount } from '../db/accounts.repository';
import { countFlags, insertFlag } from '../db/flags.repository';
import { findPostAuthor, lockPostBeforeItem, publishThread, setPostStatus } from '../db/moderated-posts.repository';
import { findPostForWrite, type PostForWrite } from '../db/posts.repository';
import { recordPublishedReply, setThreadStatus } from '../db/threads.repository';
import {
  addItemWeight,
  applyDecision,
  claimItem,
  findItem,
  latestItemForPost,
  openOrJoinItem,
  setAppealNote,
} from '../db/moderation-items.repository';
import { appendModerationLog } from '../db/moderation-log.repository';
import { insertNotification } from '../db/notifications.repository';
import type { Database, DecisionAction, FlagReason, ModerationItem, PostStatus, Role } from '../db/schema';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../errors';
import type { EventPublisher, HavenEvent } from '../events/types';
import { postingTransaction, requestHash, type Outcome } from './posting-guards';
import { cleanLine, cleanText } from '../text';

/** What moderation needs from the app; a FastifyInstance has all of it. */
export interface ModerationDeps {
  db: Kysely<Database>;
  events: EventPublisher;
  crisisResources: readonly CrisisResource[];
  moderationRules: ModerationConfig;
}

export interface Actor {
  id: string;
  pseudonym: string;
  role: Role;
}

export const FLAG_NOTE_MAX = 500;

const STATUS_FOR_KIND: Record<ModerationError['kind'], number> = { invalid: 422, forbidden: 403, conflict: 409 };

function fromDomain(error: ModerationError): AppError {
  return new AppError(STATUS_FOR_KIND[error.kind], error.code, error.message);
}

/** Counts characters as PostgreSQL's char_length does, so the limit we say is the limit we keep. */
function length(text: string): number {
  return [...text].length;
}

function optionalText(raw: string | null | undefined, clean: (s: string) => string, max: number, what: string): string | null {
  if (raw === undefined || raw === null) return null;
  const text = clean(raw);
  if (text === '') return null;
  if (length(text) > max) throw unprocessable(`${what}_too_long`, `The ${what} must be at most ${max} characters.`);
  return text;
}

function itemState(item: ModerationItem): ItemState {
  return {
    id: item.id,
    status: item.status,
    version: item.version,
    claimedBy: item.claimed_by,
    claimedUntil: item.claimed_until,
    appealNote: item.appeal_note,
  };
}

function heldByOther(item: ModerationItem, actorId: string, now = new Date()): boolean {
  return item.claimed_by !== null && item.claimed_by !== actorId && item.claimed_until !== null && item.claimed_until > now;
}

const claimedError = () => conflict('claimed', 'Another moderator is reviewing this item.');

async function publishAll(deps: ModerationDeps, events: HavenEvent[]): Promise<void> {
  for (const event of events) await deps.events.publish(event);
}

/** A member may flag what they can see: a live post, or their own, or anything but a tombstone if staff. */
function canSee(post: PostForWrite, actor: Actor): boolean {
  if (post.status === 'deleted') return false;
  if (post.account_id === actor.id) return true;
  if (actor.role === 'moderator' || actor.role === 'admin') return true;
  return post.status === 'published' && post.thread_status === 'published';
}

/**
 * A decision's effect on the post, with the same bookkeeping posting does: an opening post
 * carries its thread (the board's counts follow by trigger), and a held reply going live counts
 * as a reply then. A reply taken down keeps its place in the count, as a tombstone does.
 */
async function applyPostStatus(trx: Transaction<Database>, post: PostForWrite, status: PostStatus, reason: string | null) {
  await setPostStatus(trx, post.id, status, reason);
  if (post.is_opening) {
    if (status === 'published' && post.thread_status !== 'published') await publishThread(trx, post.thread_id);
    else await setThreadStatus(trx, post.thread_id, status);
  } else if (post.status === 'pending' && status === 'published') {
    await recordPublishedReply(trx, post.thread_id, post.account_id);
  }
}

export interface FlagDto {
  id: string;
  reason: FlagReason;
  note: string | null;
  createdAt: string;
}

export async function flagPost(
  deps: ModerationDeps,
  actor: Actor,
  postId: string,
  input: { reason: FlagReason; note?: string | null },
  idempotencyKey?: string,
): Promise<Outcome<{ flag: FlagDto }>> {
  const note = optionalText(input.note, cleanLine, FLAG_NOTE_MAX, 'note');
  const post = await findPostForWrite(deps.db, postId, { lock: false });
  if (post === undefined || !canSee(post, actor)) throw notFound('No post by that id.');
  const { flagWeights, maxCountedFlagsPerReason } = deps.moderationRules;

  // The member's write lock and Idempotency-Key replay, as for posting: a retried flag gets its first answer.
  return postingTransaction(deps.db, actor.id, { key: idempotencyKey, hash: requestHash(`flag:${postId}`, input) }, async (trx) => {
    if (!(await lockPostBeforeItem(trx, postId))) throw notFound('No post by that id.');
    // The upsert locks the item row until commit, so the count below and the weight are serialised.
    const item = await openOrJoinItem(trx, { postId, crisis: input.reason === 'crisis', weight: 0, automatic: [] });
    const before = await countFlags(trx, item.id, input.reason);
    const flag = await insertFlag(trx, { postId, accountId: actor.id, itemId: item.id, reason: input.reason, note });
    if (flag === undefined) throw conflict('already_flagged', 'You have already flagged this post. Thank you.');
    // Flags past the cap for one reason add nothing, so a pile-on cannot bury a serious report.
    if (before < maxCountedFlagsPerReason) await addItemWeight(trx, item.id, flagWeights[input.reason]);
    const events: HavenEvent[] = [{ type: 'queue.changed', itemId: item.id }];
    if (input.reason === 'crisis' && before === 0 && post.account_id !== null) {
      // The author is told help exists, never who asked for it on their behalf.
      const notificationId = await insertNotification(trx, {
        accountId: post.account_id,
        kind: 'crisis',
        threadId: post.thread_id,
        postId,
        data: { resources: deps.crisisResources },
      });
      events.push({ type: 'notification', accountId: post.account_id, notificationId });
    }
    return {
      statusCode: 201,
      body: { flag: { id: flag.id, reason: input.reason, note, createdAt: flag.created_at.toISOString() } },
      events,
    };
  });
}

export async function claim(deps: ModerationDeps, actor: Actor, itemId: string): Promise<void> {
  const item = await findItem(deps.db, itemId);
  if (item === undefined) throw notFound('No queue item by that id.');
  const check = canClaim({ ...itemState(item), postId: item.post_id }, actor.id, new Date(), deps.moderationRules.claimMinutes, actor.role);
  if (!check.ok) throw fromDomain(check.error);
  const claimed = await deps.db.transaction().execute(async (trx) => {
    const row = await claimItem(trx, {
      itemId,
      moderatorId: actor.id,
      minutes: deps.moderationRules.claimMinutes,
      mayTakeEscalated: actor.role === 'admin',
    });
    if (row === undefined) return false;
    await appendModerationLog(trx, { actorId: actor.id, actorName: actor.pseudonym, action: 'claim', itemId, postId: row.post_id });
    return true;
  });
  // The read above said yes, the conditional write said no: someone claimed or decided it in between.
  if (!claimed) {
    const now = await findItem(deps.db, itemId);
    if (now !== undefined && now.status === 'resolved') throw conflict('item_resolved', 'This item has already been decided.');
    throw claimedError();
  }
  await publishAll(deps, [{ type: 'queue.changed', itemId }]);
}

export async function decideItem(
  deps: ModerationDeps,
  actor: Actor,
  itemId: string,
  input: { action: DecisionAction; reason?: string | null; version: number },
): Promise<void> {
  const reason = optionalText(input.reason, cleanLine, REASON_MAX, 'reason');
  if (input.action === 'escalate' && reason === null) {
    throw unprocessable('reason_required', 'Say why this needs an admin, so they can pick it up.');
  }
  const item = await findItem(deps.db, itemId);
  if (item === undefined) throw notFound('No queue item by that id.');
  const seen = await findPostForWrite(deps.db, item.post_id, { lock: false });
  if (seen === undefined) throw notFound('No queue item by that id.');
  // An early, friendly answer; the conditional UPDATE below is what actually guarantees it.
  const early = decide(itemState(item), { id: seen.id, status: seen.status }, input.action, reason, actor.role, input.version);
  if (!early.ok) throw fromDomain(early.error);
  if (heldByOther(item, actor.id)) throw claimedError();

  const outcome = await deps.db.transaction().execute(async (trx) => {
    // Post first, then item: the same lock order as an author's edit, so the two cannot deadlock.
    const post = await findPostForWrite(trx, item.post_id, { lock: true });
    if (post === undefined) throw notFound('No queue item by that id.');
    // Decide again on the post as it is under lock, in case its author changed it meanwhile.
    const decided = decide(itemState(item), { id: post.id, status: post.status }, input.action, reason, actor.role, input.version);
    if (!decided.ok) throw fromDomain(decided.error);
    const updated = await applyDecision(trx, {
      itemId,
      version: input.version,
      actorId: actor.id,
      status: decided.value.itemStatus,
      decision: input.action,
      reason,
      mayDecideEscalated: actor.role === 'admin',
    });
    if (updated === undefined) return null;
    const d = decided.value;
    if (d.post !== null) await applyPostStatus(trx, post, d.post.status, d.post.reason);
    await appendModerationLog(trx, {
      actorId: actor.id,
      actorName: actor.pseudonym,
      action: input.action,
      itemId,
      postId: post.id,
      reason: d.log.reason,
    });
    let notificationId: string | null = null;
    if (d.notifyAuthor && post.account_id !== null) {
      notificationId = await insertNotification(trx, {
        accountId: post.account_id,
        kind: 'moderation',
        threadId: post.thread_id,
        postId: post.id,
        data: { action: input.action, reason, postId: post.id, threadId: post.thread_id },
      });
    }
    return { authorId: post.account_id, notificationId };
  });

  if (outcome === null) {
    const now = await findItem(deps.db, itemId);
    if (now !== undefined && heldByOther(now, actor.id)) throw claimedError();
    throw conflict('version_conflict', 'Someone else decided on this item first; reload it.');
  }
  const events: HavenEvent[] = [{ type: 'queue.changed', itemId }];
  if (outcome.notificationId !== null && outcome.authorId !== null) {
    events.push({ type: 'notification', accountId: outcome.authorId, notificationId: outcome.notificationId });
  }
  await publishAll(deps, events);
}

export async function suspendAuthor(
  deps: ModerationDeps,
  actor: Actor,
  itemId: string,
  input: { days: number; reason: string },
): Promise<{ suspendedUntil: string }> {
  const item = await findItem(deps.db, itemId);
  if (item === undefined) throw notFound('No queue item by that id.');
  const author = await findPostAuthor(deps.db, item.post_id);
  const check = checkSuspension({
    itemId,
    postId: item.post_id,
    days: input.days,
    reason: cleanLine(input.reason),
    actorRole: actor.role,
    target: { role: author?.role ?? null, suspendedUntil: author?.suspended_until ?? null },
    now: new Date(),
  });
  if (!check.ok) throw fromDomain(check.error);
  if (author === undefined) throw conflict('author_gone', 'The author of this post has deleted their account.');
  const s = check.value;
  const threadId = (await findPostForWrite(deps.db, item.post_id, { lock: false }))?.thread_id ?? null;

  const notificationId = await deps.db.transaction().execute(async (trx) => {
    await suspendAccount(trx, author.id, s.until, s.reason);
    // The log says which post's author, never who they are: moderators do not learn that either.
    await appendModerationLog(trx, {
      actorId: actor.id,
      actorName: actor.pseudonym,
      action: 'suspend',
      itemId,
      postId: item.post_id,
      subject: `author of post ${item.post_id}`,
      reason: `${s.reason} (${s.log.subject ?? `${input.days} days`})`,
    });
    return insertNotification(trx, {
      accountId: author.id,
      kind: 'moderation',
      threadId,
      postId: item.post_id,
      data: { action: 'suspend', reason: s.reason, suspendedUntil: s.until.toISOString(), postId: item.post_id, threadId },
    });
  });
  await publishAll(deps, [{ type: 'notification', accountId: author.id, notificationId }]);
  return { suspendedUntil: s.until.toISOString() };
}

export async function appealPost(
  deps: ModerationDeps,
  actor: Actor,
  postId: string,
  input: { note: string },
  idempotencyKey?: string,
): Promise<Outcome<{ appeal: { postId: string; note: string; createdAt: string } }>> {
  // The checks run inside the transaction, after any Idempotency-Key replay: a retried appeal gets
  // its first answer (201), not the "already appealed" its own first attempt would now cause.
  return postingTransaction(deps.db, actor.id, { key: idempotencyKey, hash: requestHash(`appeal:${postId}`, input) }, async (trx) => {
    if (!(await lockPostBeforeItem(trx, postId))) throw notFound('No post by that id.');
    const post = await findPostForWrite(trx, postId, { lock: false });
    if (post === undefined || post.status === 'deleted') throw notFound('No post by that id.');
    if (post.account_id !== actor.id) throw forbidden('not_author', 'Only the author of a post can appeal a decision on it.');
    const latest = await latestItemForPost(trx, postId);
    const check = appeal(latest ? itemState(latest) : null, { id: post.id, status: post.status }, cleanText(input.note));
    if (!check.ok) throw fromDomain(check.error);
    const note = check.value.note;
    if (length(note) > APPEAL_NOTE_MAX) throw unprocessable('note_too_long', `The note must be at most ${APPEAL_NOTE_MAX} characters.`);
    // A fresh item keeps the decided one as it was; the partial unique index makes a racing twin join it.
    const item = await openOrJoinItem(trx, { postId, crisis: false, weight: 0, automatic: [] });
    if (!item.created || !(await setAppealNote(trx, item.id, note))) {
      throw conflict('already_appealed', 'This decision has already been appealed.');
    }
    // Moderators read the log: the author appears as "author", never by pseudonym or account.
    await appendModerationLog(trx, { actorId: null, actorName: 'author', action: 'appeal', itemId: item.id, postId, reason: note });
    return {
      statusCode: 201,
      body: { appeal: { postId, note, createdAt: new Date().toISOString() } },
      events: [{ type: 'queue.changed', itemId: item.id }],
    };
  });
}
