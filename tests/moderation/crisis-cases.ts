/**
 * The crisis rule's measuring table. `crisis` is the human judgement under the policy written at the
 * top of moderation/rules/crisis.ts. `known` marks the rows where the rule is known to disagree with
 * that judgement: they are kept, not tuned away, so the precision and recall printed by the test are
 * honest and a change that fixes (or breaks) one shows up as a failing row.
 */
export type CaseGroup =
  'clear' | 'not-crisis' | 'negated' | 'quoted' | 'figurative' | 'typo' | 'past' | 'hard';

export interface CrisisCase {
  readonly text: string;
  readonly crisis: boolean;
  readonly group: CaseGroup;
  readonly known?: 'miss' | 'false-alarm';
}

export const CRISIS_CASES: readonly CrisisCase[] = [
  // Clear crises
  { group: 'clear', crisis: true, text: 'I want to kill myself.' },
  { group: 'clear', crisis: true, text: "I'm going to end it all tonight." },
  { group: 'clear', crisis: true, text: "There's no reason to live anymore." },
  { group: 'clear', crisis: true, text: 'Everyone would be better off without me.' },
  {
    group: 'clear',
    crisis: true,
    text: "I've been thinking about taking all my pills tonight. I'm going to take all my pills.",
  },
  { group: 'clear', crisis: true, text: 'I cut myself again last night.' },
  { group: 'clear', crisis: true, text: "I'm so tired. I just want to die." },
  {
    group: 'clear',
    crisis: true,
    text: "I've been feeling suicidal for weeks and I don't know who to tell.",
  },
  { group: 'clear', crisis: true, text: "I don't want to live anymore." },
  { group: 'clear', crisis: true, text: 'I wrote a suicide note yesterday.' },
  { group: 'clear', crisis: true, text: 'Thinking about suicide every day now.' },
  { group: 'clear', crisis: true, text: 'I wish I was dead.' },
  { group: 'clear', crisis: true, text: "I don't want to wake up tomorrow." },
  { group: 'clear', crisis: true, text: 'I want to end my life.' },
  {
    group: 'clear',
    crisis: true,
    text: 'Nobody would notice if I disappeared. Nobody would care if I died.',
  },
  { group: 'clear', crisis: true, text: "I'm planning to overdose this weekend." },
  { group: 'clear', crisis: true, text: "I've been self harming again and I can't stop." },
  {
    group: 'clear',
    crisis: true,
    text: "I'm standing on the bridge and thinking about jumping off the bridge.",
  },
  { group: 'clear', crisis: true, text: 'I tried to kill myself last week and I still feel the same.' },
  { group: 'clear', crisis: true, text: "I don't know why, I just want to die." },
  { group: 'clear', crisis: true, text: "I don't know why I want to die but I do." },
  { group: 'clear', crisis: true, text: 'Not gonna lie I want to die.' },
  { group: 'clear', crisis: true, text: "I'd rather die than live like this." },
  { group: 'clear', crisis: true, text: 'Nothing left to live for since she left.' },
  { group: 'clear', crisis: true, text: 'I wish I had never been born.' },
  { group: 'clear', crisis: true, text: 'i want to die lol' },
  { group: 'clear', crisis: true, text: "The only reason I can't kill myself is my kids." },
  { group: 'clear', crisis: true, text: "I'm so done with life." },

  // Typos, spacing, slang
  { group: 'typo', crisis: true, text: 'i wanna kil myself' },
  { group: 'typo', crisis: true, text: 'gonna k i l l myself' },
  { group: 'typo', crisis: true, text: 'I want to k1ll mys3lf' },
  { group: 'typo', crisis: true, text: 'honestly i just want to kms' },
  { group: 'typo', crisis: true, text: 'i want to unalive myself' },
  { group: 'typo', crisis: true, text: "I'm thinking about how to unalive" },
  { group: 'typo', crisis: true, text: 'im so sucidal rn' },
  { group: 'typo', crisis: true, text: 'i wnat to dieee' },
  { group: 'typo', crisis: true, text: 'KILL MY SELF. thats all i think about' },
  { group: 'typo', crisis: true, text: 'I want to s.u.i.c.i.d.e… no I mean I am suicidal' },
  { group: 'typo', crisis: true, text: 'i wanna end it all' },

  // Someone else at risk now (policy: fire)
  { group: 'quoted', crisis: true, text: 'My friend said she wanted to die and I do not know what to do.' },
  { group: 'quoted', crisis: true, text: "My sister is suicidal and won't talk to anyone." },
  { group: 'quoted', crisis: true, text: 'He texted me that he is going to kill himself.' },
  { group: 'quoted', crisis: true, text: 'She told me "I want to die" and then hung up.' },

  // Someone else's death, grief (policy: do not fire)
  { group: 'quoted', crisis: false, text: 'My brother killed himself two years ago and I still miss him.' },
  { group: 'quoted', crisis: false, text: 'We lost my dad to suicide in March.' },
  { group: 'quoted', crisis: false, text: "I found my brother's suicide note when I cleaned his room." },
  { group: 'quoted', crisis: false, text: 'My grandma wanted to die at home, surrounded by family.' },
  { group: 'quoted', crisis: false, text: 'My uncle committed suicide when I was a kid.' },

  // Negated
  { group: 'negated', crisis: false, text: 'I would never kill myself, I love my kids too much.' },
  { group: 'negated', crisis: false, text: "I'm not suicidal, just exhausted." },
  { group: 'negated', crisis: false, text: "Don't worry, I'm not going to hurt myself." },
  { group: 'negated', crisis: false, text: "I don't want to die, I want the pain to stop." },
  { group: 'negated', crisis: false, text: 'I would never, ever kill myself.' },
  { group: 'negated', crisis: false, text: 'I no longer want to die.' },

  // The writer's past, recovered (policy: do not fire)
  { group: 'past', crisis: false, text: "I used to want to die, but I'm doing better now." },
  {
    group: 'past',
    crisis: false,
    text: 'I tried to kill myself years ago. Today I celebrate five years of recovery.',
  },
  { group: 'past', crisis: false, text: 'Two years clean from self harm today!' },
  { group: 'past', crisis: false, text: 'When I was a teenager I was suicidal. Therapy saved my life.' },
  {
    group: 'past',
    crisis: false,
    text: 'I was suicidal for most of my twenties; I got help and I am doing so much better.',
  },
  { group: 'past', crisis: true, text: 'I used to cut myself and lately the urges are back.' },
  { group: 'past', crisis: true, text: 'I used to want to die. The thoughts are coming back.' },

  // Figurative
  { group: 'figurative', crisis: false, text: 'The movie killed me, I laughed so hard.' },
  { group: 'figurative', crisis: false, text: 'This homework is killing me.' },
  { group: 'figurative', crisis: false, text: "I'm dying to see the new season!" },
  { group: 'figurative', crisis: false, text: 'I nearly killed myself laughing at that video.' },
  { group: 'figurative', crisis: false, text: 'I could kill myself for forgetting her birthday.' },
  { group: 'figurative', crisis: false, text: "I'd rather die than go to that party." },
  { group: 'figurative', crisis: false, text: 'I want to die of embarrassment, I called my teacher mum.' },
  { group: 'figurative', crisis: false, text: 'I cut myself shaving this morning.' },
  { group: 'figurative', crisis: false, text: 'Ugh, Monday. Kill me now.' },
  { group: 'figurative', crisis: false, text: 'My phone is dying, will reply later.' },
  {
    group: 'figurative',
    crisis: false,
    text: "I'm drowning myself in work to avoid thinking about the breakup.",
  },
  { group: 'figurative', crisis: false, text: 'I hurt myself at the gym, nothing serious.' },

  // Not a crisis at all
  { group: 'not-crisis', crisis: false, text: 'Had a good day today. Went for a walk with my dog.' },
  {
    group: 'not-crisis',
    crisis: false,
    text: "I don't want to live in this city anymore, the rent is insane.",
  },
  { group: 'not-crisis', crisis: false, text: 'I took all my meds today and went outside. Small wins!' },
  {
    group: 'not-crisis',
    crisis: false,
    text: 'Suicide prevention month starts next week; here are some helplines.',
  },
  { group: 'not-crisis', crisis: false, text: 'Anyone else watching Suicide Squad tonight?' },
  { group: 'not-crisis', crisis: false, text: 'kys' },
  { group: 'not-crisis', crisis: false, text: 'Grief comes in waves. Some days I just sit with his photo.' },
  {
    group: 'not-crisis',
    crisis: false,
    text: 'We went cliff jumping and jumping off the cliff into the lake was amazing.',
  },
  { group: 'not-crisis', crisis: false, text: "I don't want to live alone after the divorce." },

  // Honest hard cases: the rule is known to get these wrong
  {
    group: 'hard',
    crisis: false,
    known: 'false-alarm',
    text: "I'll kill myself if I have to sit through another meeting.",
  },
  { group: 'hard', crisis: false, known: 'false-alarm', text: 'This puppy is so cute I want to die 😂' },
  {
    group: 'hard',
    crisis: false,
    known: 'false-alarm',
    text: 'Signs someone is suicidal include withdrawal and giving things away.',
  },
  { group: 'hard', crisis: false, known: 'false-alarm', text: 'this lecture makes me want to kms lmao' },
  {
    group: 'hard',
    crisis: false,
    known: 'false-alarm',
    text: 'Watched 13 Reasons Why; the scene where she kills herself wrecked me.',
  },
  {
    group: 'hard',
    crisis: true,
    known: 'miss',
    text: "I don't want to kill myself but I keep thinking about it.",
  },
  {
    group: 'hard',
    crisis: true,
    known: 'miss',
    text: "I've been giving my things away and writing letters to say goodbye.",
  },
  {
    group: 'hard',
    crisis: true,
    known: 'miss',
    text: "I'm such a burden. I just want to disappear forever.",
  },
  { group: 'hard', crisis: true, known: 'miss', text: 'Quiero morir.' },
];
