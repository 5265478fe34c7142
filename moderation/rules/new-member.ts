/**
 * New-member rule: decides whether a post is held as `pending` until a moderator approves it.
 * Two reasons to hold, both about accounts too new to have earned trust:
 * - the board is premoderated and the account is younger than `premoderatedBoardMinAccountAgeDays`
 *   (to hold every post on a board, set it above any account's age, e.g. 36500);
 * - the post carries links and the account is younger than `linkMinAccountAgeDays`, because fresh
 *   accounts posting links is how spam and predatory "help" services arrive on support forums.
 * Moderators and admins are never held. An account dated in the future (clock skew) counts as new.
 */
import { ageInDays, countLinks } from '../text';
import { isStaff, type Role } from '../types';

export interface NewMemberConfig {
  readonly enabled: boolean;
  readonly premoderatedBoardMinAccountAgeDays: number;
  readonly linkMinAccountAgeDays: number;
}

export interface NewMemberInput {
  readonly text: string;
  readonly role: Role;
  readonly accountCreatedAt: Date;
  readonly boardPremoderated: boolean;
  readonly now: Date;
}

export type NewMemberReason = 'premoderated-board' | 'new-account-links';

export interface NewMemberResult {
  readonly fired: boolean;
  readonly reasons: NewMemberReason[];
}

export function newMemberRule(input: NewMemberInput, config: NewMemberConfig): NewMemberResult {
  if (!config.enabled || isStaff(input.role)) return { fired: false, reasons: [] };
  const age = ageInDays(input.accountCreatedAt, input.now);
  const reasons: NewMemberReason[] = [];
  if (input.boardPremoderated && age < config.premoderatedBoardMinAccountAgeDays)
    reasons.push('premoderated-board');
  if (age < config.linkMinAccountAgeDays && countLinks(input.text) > 0) reasons.push('new-account-links');
  return { fired: reasons.length > 0, reasons };
}
