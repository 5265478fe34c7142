/**
 * Plain domain types for moderation. They mirror the string unions in `api/db/schema.ts` on purpose
 * but do not import it: this folder knows nothing of the database, so the API layer maps rows to
 * these shapes and the rules stay testable without one.
 */
export type Role = 'member' | 'moderator' | 'admin';
export type PostStatus = 'published' | 'pending' | 'hidden' | 'removed' | 'deleted';
export type FlagReason = 'crisis' | 'harassment' | 'spam' | 'harmful' | 'other';
export type ItemStatus = 'open' | 'escalated' | 'resolved';
export type DecisionAction = 'approve' | 'hide' | 'remove' | 'escalate';
export type RuleName = 'crisis' | 'new-member' | 'spam';

export const FLAG_REASONS: readonly FlagReason[] = ['crisis', 'harassment', 'harmful', 'spam', 'other'];

export function isStaff(role: Role): boolean {
  return role === 'moderator' || role === 'admin';
}

/** One of the author's own earlier posts, supplied by the caller for the spam rule. */
export interface RecentPost {
  readonly threadId: string;
  readonly body: string;
  readonly createdAt: Date;
}

/**
 * How a domain function says no. `kind` maps to the HTTP status (invalid → 422, forbidden → 403,
 * conflict → 409); `code` is the contract's snake_case error code.
 */
export interface ModerationError {
  readonly kind: 'invalid' | 'forbidden' | 'conflict';
  readonly code: string;
  readonly message: string;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ModerationError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(kind: ModerationError['kind'], code: string, message: string): Result<T> {
  return { ok: false, error: { kind, code, message } };
}
