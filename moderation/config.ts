/**
 * Moderation rule configuration: which automatic rules run, their thresholds and weights, and the
 * weight of each flag reason. It is data (config/moderation-rules.json) so operators can tune it
 * without a release; this module turns an untrusted JSON value into a typed, frozen object, filling
 * in defaults for whatever the file leaves out and naming the exact key when a value is wrong.
 * Keys starting with "_" are comments and are ignored; any other unknown key is an error, so a typo
 * such as "enabeld" cannot silently leave a rule on its default.
 */
import type { CrisisConfig } from './rules/crisis';
import type { NewMemberConfig } from './rules/new-member';
import type { SpamConfig } from './rules/spam';
import { FLAG_REASONS, type FlagReason } from './types';

/** Each rule's weight is added to the queue item's weight when the rule fires. */
interface Weighted {
  readonly weight: number;
}

export interface ModerationConfig {
  readonly rules: {
    readonly crisis: CrisisConfig & Weighted;
    readonly newMember: NewMemberConfig & Weighted;
    readonly spam: SpamConfig & Weighted;
  };
  readonly flagWeights: Readonly<Record<FlagReason, number>>;
  /** Flags beyond this many for one reason add nothing, so a pile-on cannot bury a serious report. */
  readonly maxCountedFlagsPerReason: number;
  /** How long a moderator's claim on an item keeps others away. */
  readonly claimMinutes: number;
}

export class ModerationConfigError extends Error {
  override name = 'ModerationConfigError';
}

const MAX_WEIGHT = 10_000;

export const DEFAULT_MODERATION_CONFIG: ModerationConfig = deepFreeze({
  rules: {
    crisis: { enabled: true, weight: 100, extraPhrases: [] },
    newMember: { enabled: true, weight: 5, premoderatedBoardMinAccountAgeDays: 7, linkMinAccountAgeDays: 3 },
    spam: {
      enabled: true,
      weight: 20,
      hold: true,
      maxLinks: 5,
      duplicateMinThreads: 2,
      duplicateWindowMinutes: 24 * 60,
      duplicateMinLength: 40,
    },
  },
  flagWeights: { crisis: 100, harassment: 40, harmful: 30, spam: 20, other: 10 },
  maxCountedFlagsPerReason: 5,
  claimMinutes: 15,
});

type Field =
  | { readonly kind: 'boolean' }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'phrases' };

type Spec = Readonly<Record<string, Field>>;

const bool: Field = { kind: 'boolean' };
const int = (min: number, max: number): Field => ({ kind: 'int', min, max });
const weight = int(0, MAX_WEIGHT);

const SPECS = {
  crisis: { enabled: bool, weight, extraPhrases: { kind: 'phrases' } },
  newMember: {
    enabled: bool,
    weight,
    premoderatedBoardMinAccountAgeDays: int(0, 36_500),
    linkMinAccountAgeDays: int(0, 36_500),
  },
  spam: {
    enabled: bool,
    weight,
    hold: bool,
    maxLinks: int(0, 1000),
    duplicateMinThreads: int(1, 1000),
    duplicateWindowMinutes: int(1, 60 * 24 * 30),
    duplicateMinLength: int(1, 20_000),
  },
  flagWeights: Object.fromEntries(FLAG_REASONS.map((r) => [r, weight])),
  top: { maxCountedFlagsPerReason: int(1, 1000), claimMinutes: int(1, 24 * 60) },
} satisfies Record<string, Spec>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function field(path: string, value: unknown, f: Field): unknown {
  if (f.kind === 'boolean') {
    if (typeof value !== 'boolean')
      throw new ModerationConfigError(`${path} must be true or false, got ${show(value)}`);
    return value;
  }
  if (f.kind === 'int') {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < f.min || value > f.max) {
      throw new ModerationConfigError(
        `${path} must be a whole number from ${f.min} to ${f.max}, got ${show(value)}`,
      );
    }
    return value;
  }
  if (!Array.isArray(value) || value.length > 500) {
    throw new ModerationConfigError(`${path} must be a list of at most 500 phrases, got ${show(value)}`);
  }
  return value.map((p: unknown, i) => {
    if (typeof p !== 'string' || p.trim().length < 3 || p.length > 200) {
      throw new ModerationConfigError(
        `${path}[${i}] must be a phrase of 3 to 200 characters, got ${show(p)}`,
      );
    }
    return p.trim();
  });
}

/** Reads one object: known keys validated, missing keys from `defaults`, "_comment" keys skipped. */
function section<T extends object>(
  path: string,
  raw: unknown,
  spec: Spec,
  defaults: T,
  allowed: readonly string[] = [],
): T {
  if (raw === undefined) return defaults;
  if (!isRecord(raw)) throw new ModerationConfigError(`${path} must be an object, got ${show(raw)}`);
  const out = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('_') || allowed.includes(key)) continue;
    const f = spec[key];
    if (f === undefined) {
      throw new ModerationConfigError(
        `${path}.${key} is not a known setting (known: ${Object.keys(spec).join(', ')})`,
      );
    }
    out[key] = field(`${path}.${key}`, value, f);
  }
  return out as T;
}

/**
 * Validates a parsed JSON value into a frozen configuration. Throws ModerationConfigError with the
 * offending key's path (e.g. `moderation-rules.rules.spam.maxLinks`) on a bad value.
 */
export function parseModerationConfig(raw: unknown, source = 'moderation-rules'): ModerationConfig {
  const d = DEFAULT_MODERATION_CONFIG;
  const top = section(source, raw ?? {}, SPECS.top, d, ['rules', 'flagWeights']);
  const rawRules = isRecord(raw) ? raw.rules : undefined;
  const rules = section(`${source}.rules`, rawRules, {}, d.rules, ['crisis', 'newMember', 'spam']);
  const inRules = (name: string): unknown => (isRecord(rawRules) ? rawRules[name] : undefined);
  return deepFreeze({
    rules: {
      crisis: section(`${source}.rules.crisis`, inRules('crisis'), SPECS.crisis, rules.crisis),
      newMember: section(`${source}.rules.newMember`, inRules('newMember'), SPECS.newMember, rules.newMember),
      spam: section(`${source}.rules.spam`, inRules('spam'), SPECS.spam, rules.spam),
    },
    flagWeights: section(
      `${source}.flagWeights`,
      isRecord(raw) ? raw.flagWeights : undefined,
      SPECS.flagWeights,
      d.flagWeights,
    ),
    maxCountedFlagsPerReason: top.maxCountedFlagsPerReason,
    claimMinutes: top.claimMinutes,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
