/**
 * Runs the enabled automatic rules on a new or edited post and says what should happen to it.
 * The API layer stores `hold` as the post's status (pending or published), shows crisis resources
 * when `crisis` is true (the post is still published), and opens a moderation item with `automatic`
 * and `weight` when any rule fired.
 */
import type { ModerationConfig } from './config';
import { crisisRule } from './rules/crisis';
import { newMemberRule } from './rules/new-member';
import { spamRule } from './rules/spam';
import type { RecentPost, Role, RuleName } from './types';

export interface PostInput {
  /** Everything the author wrote: for an opening post, title, content warning and body together. */
  readonly text: string;
  readonly threadId: string;
  readonly role: Role;
  readonly accountCreatedAt: Date;
  readonly boardPremoderated: boolean;
  /** The author's own recent posts in any thread, for the spam rule; may be empty. */
  readonly recentPosts: readonly RecentPost[];
  readonly now: Date;
}

export interface Evaluation {
  /** Publish as `pending` until a moderator approves. */
  readonly hold: boolean;
  readonly crisis: boolean;
  /** Names of the rules that fired, in a fixed order. */
  readonly automatic: RuleName[];
  /** Sum of the fired rules' weights, to add to the item's flag weight. */
  readonly weight: number;
}

export function evaluatePost(input: PostInput, config: ModerationConfig): Evaluation {
  const { crisis: crisisConfig, newMember: newMemberConfig, spam: spamConfig } = config.rules;
  const crisis = crisisRule(input, crisisConfig).fired;
  const newMember = newMemberRule(input, newMemberConfig).fired;
  const spam = spamRule(input, spamConfig).fired;

  const automatic: RuleName[] = [];
  let weight = 0;
  if (crisis) {
    automatic.push('crisis');
    weight += crisisConfig.weight;
  }
  if (newMember) {
    automatic.push('new-member');
    weight += newMemberConfig.weight;
  }
  if (spam) {
    automatic.push('spam');
    weight += spamConfig.weight;
  }
  return { hold: newMember || (spam && spamConfig.hold), crisis, automatic, weight };
}
