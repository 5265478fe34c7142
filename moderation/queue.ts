/**
 * Queue order and its keyset cursor. Order: crisis items first, then heavier items, then older
 * ones, then lower id, which matches the index `moderation_items (status, crisis desc, weight desc,
 * created_at, id)`. The repository turns a decoded cursor into the keyset condition
 * "comes after (crisis, weight, createdAt, id)" in SQL; `isAfterCursor` states the same in code.
 */
import type { ModerationConfig } from './config';
import { FLAG_REASONS, type FlagReason } from './types';

export interface FlagLike {
  readonly reason: FlagReason;
}

export type WeightConfig = Pick<ModerationConfig, 'flagWeights' | 'maxCountedFlagsPerReason'>;

/**
 * An item's weight: each reason's weight times how many flags gave it (capped), plus the weight of
 * the automatic rules that fired. Capping means ten "other" flags from a pile-on still rank below
 * a few reports of harassment.
 */
export function itemWeight(flags: readonly FlagLike[], config: WeightConfig, automaticWeight = 0): number {
  const counts = new Map<FlagReason, number>();
  for (const flag of flags) counts.set(flag.reason, (counts.get(flag.reason) ?? 0) + 1);
  let weight = automaticWeight;
  for (const reason of FLAG_REASONS) {
    weight += config.flagWeights[reason] * Math.min(counts.get(reason) ?? 0, config.maxCountedFlagsPerReason);
  }
  return weight;
}

/** An item goes to the crisis lane when anyone flagged it as a crisis or the crisis rule fired. */
export function isCrisisItem(flags: readonly FlagLike[], automatic: readonly string[]): boolean {
  return automatic.includes('crisis') || flags.some((f) => f.reason === 'crisis');
}

export interface QueueKey {
  readonly crisis: boolean;
  readonly weight: number;
  /** Millisecond precision: the repository must compare `date_trunc('milliseconds', created_at)`. */
  readonly createdAt: Date;
  /** A bigint identity as a decimal string. */
  readonly id: string;
}

/** Decimal ids without leading zeros: shorter is smaller, then compare as text. */
function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when `a` comes first in the queue. Usable with Array.prototype.sort. */
export function compareQueueItems(a: QueueKey, b: QueueKey): number {
  if (a.crisis !== b.crisis) return a.crisis ? -1 : 1;
  if (a.weight !== b.weight) return b.weight - a.weight;
  const byAge = a.createdAt.getTime() - b.createdAt.getTime();
  if (byAge !== 0) return byAge;
  return compareIds(a.id, b.id);
}

/** True when `key` belongs on a page after the one that ended at `cursor`. */
export function isAfterCursor(key: QueueKey, cursor: QueueKey): boolean {
  return compareQueueItems(key, cursor) > 0;
}

const CURSOR_VERSION = 'q1';
const MAX_CURSOR_LENGTH = 200;
const MAX_WEIGHT = 2_147_483_647; // the column is a Postgres integer
const MAX_ID = 9_223_372_036_854_775_807n; // and the id a bigint

export function encodeQueueCursor(key: QueueKey): string {
  const payload = [CURSOR_VERSION, key.crisis ? 1 : 0, key.weight, key.createdAt.toISOString(), key.id];
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && /^(?:0|[1-9]\d{0,18})$/.test(value) && BigInt(value) <= MAX_ID;
}

function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 24) return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString() === value;
}

/**
 * The cursor comes from the client, so anything may arrive: a hostile or stale value gives null
 * (the route answers 400), never an exception and never a value the database would choke on.
 */
export function decodeQueueCursor(cursor: unknown): QueueKey | null {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(payload) || payload.length !== 5) return null;
  const [version, crisis, weight, createdAt, id] = payload as unknown[];
  if (version !== CURSOR_VERSION || (crisis !== 0 && crisis !== 1)) return null;
  if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > MAX_WEIGHT)
    return null;
  if (!isIsoInstant(createdAt) || !isId(id)) return null;
  return { crisis: crisis === 1, weight, createdAt: new Date(createdAt), id };
}
