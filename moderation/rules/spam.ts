/**
 * Spam rule: the same text posted into several threads, or a post that is mostly links.
 * Short bodies are never counted as duplicates: on a support forum "Sending you hugs ❤️" in ten
 * threads is kindness, not spam, so only bodies of at least `duplicateMinLength` characters count.
 * The caller supplies the author's recent posts (any window; this rule applies its own).
 * Moderators and admins are exempt: posting the same list of helplines in several threads is their job.
 */
import { comparableBody, countLinks } from '../text';
import { isStaff, type RecentPost, type Role } from '../types';

export interface SpamConfig {
  readonly enabled: boolean;
  /** Hold a post this rule flags as `pending` instead of publishing it. */
  readonly hold: boolean;
  /** More links than this is a flood. */
  readonly maxLinks: number;
  /** The same body already in at least this many other threads fires the rule. */
  readonly duplicateMinThreads: number;
  readonly duplicateWindowMinutes: number;
  readonly duplicateMinLength: number;
}

export interface SpamInput {
  readonly text: string;
  readonly threadId: string;
  readonly role: Role;
  readonly recentPosts: readonly RecentPost[];
  readonly now: Date;
}

export type SpamReason = 'duplicate-across-threads' | 'link-flood';

export interface SpamResult {
  readonly fired: boolean;
  readonly reasons: SpamReason[];
}

function otherThreadsWithSameText(input: SpamInput, config: SpamConfig): number {
  const body = comparableBody(input.text);
  if (body.length < config.duplicateMinLength) return 0;
  const since = input.now.getTime() - config.duplicateWindowMinutes * 60_000;
  const threads = new Set<string>();
  for (const post of input.recentPosts) {
    if (post.threadId === input.threadId || post.createdAt.getTime() < since) continue;
    if (comparableBody(post.body) === body) threads.add(post.threadId);
  }
  return threads.size;
}

export function spamRule(input: SpamInput, config: SpamConfig): SpamResult {
  if (!config.enabled || isStaff(input.role)) return { fired: false, reasons: [] };
  const reasons: SpamReason[] = [];
  if (otherThreadsWithSameText(input, config) >= config.duplicateMinThreads)
    reasons.push('duplicate-across-threads');
  if (countLinks(input.text) > config.maxLinks) reasons.push('link-flood');
  return { fired: reasons.length > 0, reasons };
}
