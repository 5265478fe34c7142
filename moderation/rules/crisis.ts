/**
 * Crisis rule: does this text read as the writer (or someone they are worried about) being at risk
 * of suicide or self-harm right now? When it fires, the post stays published, its author is shown
 * crisis resources at once, and a moderator sees it first.
 *
 * Policy, and why:
 * - It errs towards firing. A needless resources panel costs a moment's annoyance; a miss can cost
 *   far more. Moderators clear false alarms.
 * - Negation stops it: "I would never kill myself", "I don't want to die". The negator must be in
 *   the same clause, within four words before the phrase ("not gonna lie, …" and "I don't know why
 *   I want to die" still fire).
 * - Figures of speech do not fire: "this homework is killing me", "I'm dying to see it", "I nearly
 *   killed myself laughing", "I could kill myself for forgetting her birthday", "I'd rather die
 *   than go to that party", "cut myself shaving".
 * - Someone else at risk now DOES fire ("my friend said she wanted to die", "my sister is
 *   suicidal"): the resources also serve people supporting someone, and moderators should know.
 * - Someone else's death does NOT fire ("my brother killed himself last year", "his suicide note"):
 *   grief boards are full of loss by suicide and the writer is mourning, not in danger.
 * - The writer's own past does NOT fire when the sentence places it in the past ("I used to want to
 *   die, but I'm doing better now", "I tried to kill myself years ago", "two years clean from self
 *   harm"), or when it is told in the past tense in a post that speaks of recovery. It fires again
 *   if the same sentence says it is happening now ("…and lately the urges are back", "still",
 *   "again", "tonight") or the post mentions a relapse or feelings coming back.
 *
 * Limits (measured in tests/moderation/crisis.test.ts and described in moderation/README.md):
 * - It reads phrases, not meaning. Indirect signs (giving things away, saying goodbye, "I just want
 *   to disappear", "I'm a burden") are not caught, nor are languages other than English.
 * - Hyperbole with a self-harm phrase ("I'll kill myself if I hear that song again", "so cute I
 *   want to die 😂") fires. Laughter is deliberately not an excuse: "i want to die lol" is a common
 *   way of saying something real.
 * - Negation can hide a real crisis ("I don't want to kill myself but I keep thinking about it").
 * - Discussion about suicide in general ("signs someone is suicidal") fires.
 */
import { clauses, normalizeText, sentences, words } from '../text';
import { CRISIS_PHRASES, type CrisisPhrase } from './crisis-phrases';

export interface CrisisConfig {
  readonly enabled: boolean;
  /** Plain phrases an operator adds without a code change; matched as whole words after normalising. */
  readonly extraPhrases: readonly string[];
}

export interface CrisisInput {
  readonly text: string;
}

export interface CrisisResult {
  readonly fired: boolean;
  /** The phrases that counted, in normalised form, for the moderator's "why". */
  readonly matches: string[];
  /** Phrases found but set aside, with the reason: helps explain a miss. */
  readonly suppressed: { readonly phrase: string; readonly why: 'negated' | 'figurative' | 'past' }[];
}

const NEGATORS = new Set([
  'not',
  'never',
  "don't",
  'dont',
  "doesn't",
  'doesnt',
  "didn't",
  'didnt',
  "won't",
  'wont',
  "wouldn't",
  'wouldnt',
  "isn't",
  "wasn't",
  "aren't",
  "shouldn't",
  'longer',
]);
/** A negator followed by one of these negates something else: "I don't know why I want to die". */
const NOT_NEGATING = new Set([
  'know',
  'care',
  'sure',
  'saying',
  'say',
  'mean',
  'think',
  'thought',
  'understand',
  'stop',
  'help',
  'see',
  'that',
  'imagined',
  'expected',
  'matter',
  'lie',
  'lying',
  'why',
  'get',
]);
const PAST =
  /\b(?:used to|(?:years|months|a long time|ages) ago|back (?:then|in)|when i was|in high school|as a (?:kid|teen|teenager|child)|in (?:19|20)\d\d|last year|(?:years|months) clean|clean (?:from|of|for)|survived|(?:no longer|not anymore))\b/;
const PAST_TENSE_NEAR = /\b(?:was|were|used|had|wanted|tried|attempted|felt)\b/;
const RECOVERY =
  /\b(?:doing (?:(?:so|much|a lot|way) )?better|(?:got|getting) (?:better|help|through)|recovered|recovery|survivor|survived|therapy (?:saved|helped)|saved my life|glad i'?m (?:still )?(?:here|alive)|(?:in|at) a (?:much )?better place)\b/;
const NOW_IN_SENTENCE = /\b(?:again|lately|these days|recently|tonight|right now|this week|still)\b/;
const RELAPSE =
  /\b(?:relaps(?:e|ed|ing)|(?:urges?|thoughts?|feelings?) (?:are |is |have |has |'re )?(?:back|coming back|returning|returned)|it'?s (?:all )?(?:coming )?back)\b/;
const COULD_BEFORE = /\bcould (?:just |literally |honestly |seriously )?$/;
const COULD_AFTER = /^ ?(?:for|when|because)\b/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function extraPhrases(list: readonly string[]): CrisisPhrase[] {
  return list
    .map((p) => normalizeText(p))
    .filter((p) => p !== '')
    .map((p) => ({
      id: `extra:${p}`,
      re: new RegExp(String.raw`\b${escapeRegExp(p).replace(/ /g, ' ?')}\b`, 'g'),
    }));
}

function isNegated(before: string): boolean {
  const window = words(before).slice(-4);
  return window.some(
    (w, i) => NEGATORS.has(w) && !window.slice(i + 1).some((next) => NOT_NEGATING.has(next)),
  );
}

function isFigurative(phrase: CrisisPhrase, before: string, after: string): boolean {
  if (phrase.after?.test(after) === true) return true;
  if (phrase.before?.test(before) === true) return true;
  return COULD_BEFORE.test(before) && COULD_AFTER.test(after);
}

/**
 * What the post says about relapse or recovery, and what the sentence says about now and the past:
 * read once per post and per sentence rather than once per phrase found.
 */
interface Tone {
  readonly relapse: boolean;
  readonly recovery: boolean;
  readonly now: boolean;
  readonly past: boolean;
}

function isPast(before: string, match: string, tone: Tone): boolean {
  if (tone.now || tone.relapse) return false;
  if (tone.past) return true;
  const toldInPast = PAST_TENSE_NEAR.test(words(before).slice(-3).join(' ')) || PAST_TENSE_NEAR.test(match);
  return toldInPast && tone.recovery;
}

export function crisisRule(input: CrisisInput, config: CrisisConfig): CrisisResult {
  const result: CrisisResult = { fired: false, matches: [], suppressed: [] };
  if (!config.enabled) return result;
  const whole = normalizeText(input.text);
  const post = { relapse: RELAPSE.test(whole), recovery: RECOVERY.test(whole) };
  const phrases = [...CRISIS_PHRASES, ...extraPhrases(config.extraPhrases)];
  for (const sentence of sentences(whole)) {
    const tone: Tone = { ...post, now: NOW_IN_SENTENCE.test(sentence), past: PAST.test(sentence) };
    for (const clause of clauses(sentence)) {
      for (const phrase of phrases) {
        for (const m of clause.matchAll(phrase.re)) {
          const before = clause.slice(0, m.index);
          const after = clause.slice(m.index + m[0].length);
          if (isFigurative(phrase, before, after))
            result.suppressed.push({ phrase: m[0], why: 'figurative' });
          else if (isNegated(before)) result.suppressed.push({ phrase: m[0], why: 'negated' });
          else if (isPast(before, m[0], tone)) result.suppressed.push({ phrase: m[0], why: 'past' });
          else result.matches.push(m[0]);
        }
      }
    }
  }
  return { ...result, fired: result.matches.length > 0 };
}
