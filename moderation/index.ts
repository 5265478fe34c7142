/** The moderation domain's public API: pure functions over plain objects, no database, no HTTP. */
export type {
  DecisionAction,
  FlagReason,
  ItemStatus,
  ModerationError,
  PostStatus,
  RecentPost,
  Result,
  Role,
  RuleName,
} from './types';
export { FLAG_REASONS } from './types';

export {
  DEFAULT_MODERATION_CONFIG,
  ModerationConfigError,
  parseModerationConfig,
  type ModerationConfig,
} from './config';
export { loadModerationConfig } from './load';

export { crisisRule, type CrisisConfig, type CrisisInput, type CrisisResult } from './rules/crisis';
export {
  newMemberRule,
  type NewMemberConfig,
  type NewMemberInput,
  type NewMemberResult,
} from './rules/new-member';
export { spamRule, type SpamConfig, type SpamInput, type SpamResult } from './rules/spam';
export { evaluatePost, type Evaluation, type PostInput } from './evaluate';

export {
  compareQueueItems,
  decodeQueueCursor,
  encodeQueueCursor,
  isAfterCursor,
  isCrisisItem,
  itemWeight,
  type FlagLike,
  type QueueKey,
  type WeightConfig,
} from './queue';

export {
  APPEAL_NOTE_MAX,
  REASON_MAX,
  SUSPENSION_DAYS,
  appeal,
  canClaim,
  checkSuspension,
  decide,
  type AppealOutcome,
  type Claim,
  type DecisionOutcome,
  type ItemState,
  type LogEntry,
  type PostState,
  type Suspension,
  type SuspensionRequest,
} from './decisions';
