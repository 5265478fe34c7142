/**
 * What a moderator may do to a queue item and what follows from it, as pure functions: the API
 * layer loads the item and post, asks here, then writes the outcome in one transaction with
 * `where version = :version` so that exactly one decision wins per version.
 *
 *   item:  open ──escalate──▶ escalated ──(admin) approve|hide|remove──▶ resolved
 *            └────────── approve|hide|remove ─────────────────────────▶ resolved
 *   resolved ──appeal (post hidden/removed, once per item)──▶ open
 *
 *   post:  approve → published (a pending post goes live; a hidden/removed one is restored)
 *          hide → hidden, remove → removed (the author sees the reason); escalate leaves it as is.
 *          A post its author deleted can only be approved, which just dismisses the flags.
 */
import {
  fail,
  isStaff,
  ok,
  type DecisionAction,
  type ItemStatus,
  type PostStatus,
  type Result,
  type Role,
} from './types';

export interface ItemState {
  readonly id: string;
  readonly status: ItemStatus;
  readonly version: number;
  readonly claimedBy: string | null;
  readonly claimedUntil: Date | null;
  readonly appealNote: string | null;
}

export interface PostState {
  readonly id: string;
  readonly status: PostStatus;
}

/** A moderation_log row without its actor, which the API layer adds from the session. */
export interface LogEntry {
  readonly action: 'claim' | DecisionAction | 'suspend' | 'appeal';
  readonly itemId: string | null;
  readonly postId: string | null;
  readonly subject: string | null;
  readonly reason: string | null;
}

export interface DecisionOutcome {
  readonly itemStatus: ItemStatus;
  /** The new post status and the reason shown to its author; null when the post does not change. */
  readonly post: { readonly status: PostStatus; readonly reason: string | null } | null;
  readonly version: number;
  /** Tell the author: their post was taken down, published after being held, or restored. */
  readonly notifyAuthor: boolean;
  readonly log: LogEntry;
}

export const REASON_MAX = 500;
export const APPEAL_NOTE_MAX = 1000;
export const SUSPENSION_DAYS = { min: 1, max: 365 } as const;

/** Trims and counts characters as Postgres char_length does (code points, not UTF-16 units). */
function checkText(value: unknown, what: string, required: boolean, max: number): Result<string | null> {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return required ? fail('invalid', `${what}_required`, `A ${what} is required.`) : ok(null);
  }
  if (typeof value !== 'string') return fail('invalid', `${what}_invalid`, `The ${what} must be text.`);
  const text = value.trim();
  if ([...text].length > max)
    return fail('invalid', `${what}_too_long`, `The ${what} must be at most ${max} characters.`);
  return ok(text);
}

export function decide(
  item: ItemState,
  post: PostState,
  action: DecisionAction,
  reason: unknown,
  actorRole: Role,
  expectedVersion?: number,
): Result<DecisionOutcome> {
  if (!isStaff(actorRole))
    return fail('forbidden', 'moderators_only', 'Only moderators can decide on flagged posts.');
  if (expectedVersion !== undefined && expectedVersion !== item.version) {
    return fail('conflict', 'version_conflict', 'Someone else decided on this item first; reload it.');
  }
  if (item.status === 'resolved')
    return fail('conflict', 'item_resolved', 'This item has already been decided.');
  if (item.status === 'escalated' && actorRole !== 'admin') {
    return fail('forbidden', 'escalated_admin_only', 'This item was escalated; only an admin can decide it.');
  }
  if (action === 'escalate' && item.status === 'escalated') {
    return fail('conflict', 'already_escalated', 'This item is already with the admins.');
  }
  if (post.status === 'deleted' && action !== 'approve') {
    return fail('conflict', 'post_deleted', 'Its author deleted this post; it can only be dismissed.');
  }
  const takeDown = action === 'hide' || action === 'remove';
  const checked = checkText(reason, 'reason', takeDown, REASON_MAX);
  if (!checked.ok) return checked;
  const why = checked.value;
  const log: LogEntry = { action, itemId: item.id, postId: post.id, subject: null, reason: why };
  const version = item.version + 1;

  if (action === 'escalate')
    return ok({ itemStatus: 'escalated', post: null, version, notifyAuthor: false, log });
  if (takeDown) {
    const status = action === 'hide' ? 'hidden' : 'removed';
    return ok({ itemStatus: 'resolved', post: { status, reason: why }, version, notifyAuthor: true, log });
  }
  // approve: publish or restore; a published or deleted post stays as it is and its flags are dismissed.
  const changes = post.status === 'pending' || post.status === 'hidden' || post.status === 'removed';
  return ok({
    itemStatus: 'resolved',
    post: changes ? { status: 'published', reason: null } : null,
    version,
    notifyAuthor: changes,
    log,
  });
}

export interface Claim {
  readonly claimedBy: string;
  readonly claimedUntil: Date;
  readonly version: number;
  readonly log: LogEntry;
}

/**
 * A claim keeps other moderators off an item for `claimMinutes` so two people do not review the
 * same painful post. Re-claiming your own item extends it; an expired claim can be taken over.
 * Claims do not block decisions: the version check already stops double decisions.
 */
export function canClaim(
  item: ItemState & { readonly postId?: string },
  moderatorId: string,
  now: Date,
  claimMinutes: number,
  actorRole: Role = 'moderator',
): Result<Claim> {
  if (!isStaff(actorRole)) return fail('forbidden', 'moderators_only', 'Only moderators can claim items.');
  if (item.status === 'resolved')
    return fail('conflict', 'item_resolved', 'This item has already been decided.');
  if (item.status === 'escalated' && actorRole !== 'admin') {
    return fail('forbidden', 'escalated_admin_only', 'This item was escalated; only an admin can claim it.');
  }
  const fresh = item.claimedUntil !== null && item.claimedUntil.getTime() > now.getTime();
  if (fresh && item.claimedBy !== null && item.claimedBy !== moderatorId) {
    return fail('conflict', 'claimed', 'Another moderator is reviewing this item.');
  }
  const minutes = Math.min(Math.max(Math.trunc(claimMinutes), 1), 24 * 60);
  return ok({
    claimedBy: moderatorId,
    claimedUntil: new Date(now.getTime() + minutes * 60_000),
    version: item.version + 1,
    log: { action: 'claim', itemId: item.id, postId: item.postId ?? null, subject: null, reason: null },
  });
}

export interface SuspensionRequest {
  readonly itemId: string;
  readonly postId: string;
  readonly days: unknown;
  readonly reason: unknown;
  readonly actorRole: Role;
  /** The post's author; `role: null` when the account no longer exists. */
  readonly target: { readonly role: Role | null; readonly suspendedUntil: Date | null };
  readonly now: Date;
}

export interface Suspension {
  readonly until: Date;
  readonly reason: string;
  readonly log: LogEntry;
}

/**
 * Suspends the author of a flagged post. A shorter suspension never cuts a longer one short; the
 * log names the length, not the person, because moderators are not told who wrote the post.
 */
export function checkSuspension(req: SuspensionRequest): Result<Suspension> {
  if (!isStaff(req.actorRole))
    return fail('forbidden', 'moderators_only', 'Only moderators can suspend members.');
  const { days } = req;
  if (
    typeof days !== 'number' ||
    !Number.isInteger(days) ||
    days < SUSPENSION_DAYS.min ||
    days > SUSPENSION_DAYS.max
  ) {
    return fail(
      'invalid',
      'days_invalid',
      `Days must be a whole number from ${SUSPENSION_DAYS.min} to ${SUSPENSION_DAYS.max}.`,
    );
  }
  const checked = checkText(req.reason, 'reason', true, REASON_MAX);
  if (!checked.ok) return checked;
  const reason = checked.value ?? '';
  const { role, suspendedUntil } = req.target;
  if (role === null)
    return fail('conflict', 'author_gone', 'The author of this post has deleted their account.');
  if (role === 'admin' || (role === 'moderator' && req.actorRole !== 'admin')) {
    return fail(
      'forbidden',
      'cannot_suspend_staff',
      'Staff accounts can only be suspended by an admin, and admins not at all.',
    );
  }
  const asked = req.now.getTime() + days * 24 * 60 * 60 * 1000;
  const until = new Date(Math.max(asked, suspendedUntil?.getTime() ?? 0));
  const subject = `${days} day${days === 1 ? '' : 's'}`;
  return ok({
    until,
    reason,
    log: { action: 'suspend', itemId: req.itemId, postId: req.postId, subject, reason },
  });
}

export interface AppealOutcome {
  /** Reopen this item, or open a new one for the post when there is none to reopen. */
  readonly reopen: string | null;
  readonly itemStatus: 'open';
  readonly version: number;
  readonly note: string;
  readonly log: LogEntry;
}

/**
 * An author may appeal a hidden or removed post once per decision: the item reopens with their
 * note, unclaimed, and the post stays down until a moderator approves it. Checking that the caller
 * wrote the post is the API layer's job, and so is logging the actor as "the author" rather than
 * by pseudonym: moderators read the log and must not learn who wrote an anonymous post.
 */
export function appeal(item: ItemState | null, post: PostState, note: unknown): Result<AppealOutcome> {
  if (post.status !== 'hidden' && post.status !== 'removed') {
    return fail('conflict', 'not_appealable', 'Only a hidden or removed post can be appealed.');
  }
  if (item !== null && item.status !== 'resolved') {
    return fail('conflict', 'appeal_pending', 'This post is already being reviewed.');
  }
  if (item !== null && item.appealNote !== null) {
    return fail('conflict', 'already_appealed', 'This decision has already been appealed.');
  }
  const checked = checkText(note, 'note', true, APPEAL_NOTE_MAX);
  if (!checked.ok) return checked;
  const text = checked.value ?? '';
  return ok({
    reopen: item?.id ?? null,
    itemStatus: 'open',
    version: (item?.version ?? 0) + 1,
    note: text,
    log: { action: 'appeal', itemId: item?.id ?? null, postId: post.id, subject: null, reason: text },
  });
}
