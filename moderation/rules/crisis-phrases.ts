/**
 * The phrases the crisis rule looks for, written against `normalizeText` output (lowercase, leet and
 * spacing folded). Each phrase may carry `after`/`before` patterns that, when they match the words
 * right after or before it in the same clause, mark a use that is not about the writer's safety
 * ("cut myself shaving", "want to die of embarrassment", "his suicide note").
 *
 * They live in code, not in config/moderation-rules.json, because they are regular expressions with
 * exceptions that need the tests beside them; config may add plain extra phrases.
 */
export interface CrisisPhrase {
  readonly id: string;
  readonly re: RegExp;
  readonly after?: RegExp;
  readonly before?: RegExp;
}

const SELF = String.raw`(?:my ?self|myslef|meself|my ?sefl)`;
const KILL = String.raw`k[iy]?l{1,2}(?:ing|ed|s)?`;
const UNALIVE = String.raw`un-?aliv(?:e|ing|ed)`;
const SUICIDE = String.raw`su(?:i)?c(?:i)?de?`;
const WANT = String.raw`(?:w(?:an|na)ts?|wanted|wanting|wanna|wish(?:ing|ed)?|ready|deserve|plan(?:ning)?|should|hope|hoping)`;
const INTENT = String.raw`(?:want(?:s|ed)?|wanna|going|gonna|plan(?:ning)?|thinking (?:of|about)|try(?:ing)?|tried|ready)`;

/** Jokes ("…laughing"), end-of-life wishes in grief posts ("…at home"). */
const DIE_AFTER =
  /^ ?(?:of (?:embarrassment|laughter|laughing|cringe|boredom)|laughing|at home|with dignity|in (?:his|her|their) sleep|surrounded)\b/;
/** "I'd rather die than go to that party" is figure of speech; "…than live like this" is not. */
const RATHER_AFTER = /^ ?than (?!(?:live|living|go on|keep (?:going|living)|feel|be alive|wake up)\b)/;
/** Kitchen knives, gyms and stoves. */
const ACCIDENT_AFTER =
  /^ ?(?:badly|accidentally|by accident|slightly|\w+ing\b|while \w+ing\b|on (?:a|an|the|some|my|broken)\b|at (?:the|work|gym)\b|in (?:the|a) (?:kitchen|gym|garden|accident|fall)\b)/;
/** "I don't want to live in Ohio" is about a place. */
const LIVE_AFTER = /^ ?(?:in|with|there|at|near|on|together|alone|next|somewhere|close|abroad|here with)\b/;
/** Someone else's, already happened: bereavement, not risk to the writer. */
const OTHERS_BEFORE = /(?:\b(?:his|her|their)|\w's) $/;

export const CRISIS_PHRASES: readonly CrisisPhrase[] = [
  // Third-party forms exclude "killed himself" on purpose: that is a death being grieved.
  {
    id: 'kill-self',
    re: new RegExp(String.raw`\b(?:${KILL}|${UNALIVE}) ?${SELF}\b`, 'g'),
    after: /^ ?(?:laughing|lol|lmao)\b/,
  },
  {
    id: 'kill-self-other',
    re: new RegExp(
      String.raw`\b(?:k[iy]?l{1,2}(?:ing|s)?|un-?aliv(?:e|ing)) (?:him|her|them)sel(?:f|ves)\b`,
      'g',
    ),
  },
  { id: 'kms', re: /\bkms\b/g },
  { id: 'unalive', re: new RegExp(String.raw`\b${INTENT} (?:how )?(?:to )?${UNALIVE}\b`, 'g') },
  { id: 'suicidal', re: /\bsu(?:i)?c(?:i)?d(?:i)?al\b/g },
  {
    id: 'suicide-intent',
    re: new RegExp(
      String.raw`\b(?:(?:commit(?:ting)?|attempt(?:ing|ed)?|consider(?:ing)?|contemplat(?:e|ing)|thinking (?:of|about)|thoughts (?:of|about)|plan(?:ning)?) (?:to )?(?:commit )?${SUICIDE}|${SUICIDE} (?:note|plan|letter)s?)\b`,
      'g',
    ),
    before: OTHERS_BEFORE,
  },
  {
    id: 'want-die',
    re: new RegExp(String.raw`\b${WANT} (?:to )?(?:just |really |honestly |literally |simply )?die\b`, 'g'),
    after: DIE_AFTER,
  },
  { id: 'rather-die', re: /\brather (?:just )?(?:die|be dead)\b/g, after: RATHER_AFTER },
  {
    id: 'be-dead',
    re: /\b(?:wish (?:i (?:was|were|could be)|to be)|w(?:an|na)ts? to be|wanna be|better off|should be|deserve to be) dead\b/g,
  },
  {
    id: 'no-wake',
    re: /\b(?:(?:hope|wish|pray)(?:ing)? (?:that )?i (?:die|don'?t wake up|never wake up|won'?t wake up|wouldn'?t wake up)|(?:go to sleep|fall asleep|sleep) and (?:never|not) wake up|wouldn'?t mind (?:not waking up|dying|if i died)|(?:don'?t|do not|dont) (?:want|wanna) (?:to )?wake up)\b/g,
  },
  {
    id: 'not-exist',
    re: /\b(?:wish i (?:didn'?t|did not|never) (?:exist|existed|been born)|wish i (?:was|were|had) (?:never|not) (?:been )?born|wish i (?:was|were)n'?t (?:born|alive)|(?:don'?t|do not|dont) (?:want|wanna) (?:to )?exist)\b/g,
  },
  {
    id: 'end-life',
    re: /\b(?:end(?:ing)? (?:it all|my (?:own )?life|it (?:tonight|today|soon))|tak(?:e|ing) my (?:own )?life)\b/g,
  },
  {
    id: 'no-reason-to-live',
    re: /\b(?:(?:no|nothing|zero) (?:reason|point|purpose) (?:to|in|for) (?:live|living|go on|going on|be alive|being alive|stay alive)|nothing (?:left )?to live for|(?:not|isn'?t) worth living|can'?t (?:go on (?:anymore|living|any ?longer)|keep living)|(?:tired|sick|done) (?:of|with) (?:living|(?:this )?life|being alive|existing))\b/g,
  },
  {
    id: 'not-live',
    re: /\b(?:don'?t|do not|dont) (?:want|wanna) (?:to )?(?:live|be alive|be here anymore)\b/g,
    after: LIVE_AFTER,
  },
  {
    id: 'better-off',
    re: /\b(?:better off without me|better off (?:if i (?:was|were|wasn'?t|weren'?t) (?:dead|gone|here|around|alive)|if i (?:died|disappeared)|with me (?:gone|dead))|(?:no ?one|nobody) (?:would|will) (?:care|notice|miss me) if i (?:died|was gone|were gone|disappeared|wasn'?t here|weren'?t here|killed myself))\b/g,
  },
  {
    id: 'pills',
    re: /\b(?:take|took|taking|swallow(?:ed|ing)?|down(?:ed|ing)?) (?:all|every one|a bunch|a handful|the (?:whole|entire) (?:bottle|pack|box)) (?:of )?(?:my |the |these |those )?(?:pills|meds|medication|medicine|tablets|sleeping pills|pain ?killers)\b/g,
    after:
      /^ ?(?:today|this morning|on time|every (?:day|morning|night)|as prescribed|like (?:i'?m|i am) supposed to)\b/,
  },
  {
    id: 'overdose',
    re: new RegExp(String.raw`\b(?:${INTENT} (?:to )?(?:overdose|od)|overdos(?:e|ing) on purpose)\b`, 'g'),
  },
  {
    id: 'self-harm',
    re: new RegExp(
      String.raw`\b(?:cut(?:ting)?|burn(?:ing|ed|t)?|hurt(?:ing)?|harm(?:ing|ed)?) ?${SELF}\b`,
      'g',
    ),
    after: ACCIDENT_AFTER,
  },
  {
    id: 'self-harm-named',
    re: /\b(?:i|i'?ve|i'?m|im|been|started|relapsed|urges? to|want to|wanna) (?:\w+ )?self[ -]?harm(?:ing)?\b/g,
  },
  {
    id: 'method',
    re: new RegExp(
      String.raw`\b(?:slit(?:ting)? my wrists?|(?:hang|hanging|shoot|shooting|drown|drowning|poison|poisoning|stab|stabbing) ${SELF})\b`,
      'g',
    ),
    after: /^ ?(?:in|with)\b/,
  },
  {
    id: 'jump',
    re: /\bjump(?:ing)? (?:off|from|in front of) (?:a|the|this|that|my) (?:bridge|building|roof|cliff|balcony|train|tower|overpass)\b/g,
    after: /^ ?(?:in ?to|and (?:swim|swam|land))\b/,
  },
];
