/** Text helpers shared by the rules. Pure string work, no knowledge of any one rule. */

const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'i',
  '*': 'i',
};

/**
 * Folds the ways people disguise or mistype words into one plain lowercase form, so a rule can
 * match "k i l l", "k1ll", "KILL" and "kiiill" with one pattern. Word characters only change when
 * they sit between letters, so "5 pills" or "die!" keep their meaning.
 */
export function normalizeText(text: string): string {
  let s = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  s = s.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '');
  s = s.replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'").replace(/[\u201c\u201d]/g, '"');
  s = s.replace(/(?<=[a-z])[013457@$!|*](?=[a-z])/g, (c) => LEET[c] ?? c);
  s = s.replace(/(?<![a-z])[$@](?=[a-z]{2})/g, (c) => LEET[c] ?? c);
  // Letters spelled out one at a time ("k i l l", "k.m.s") are joined back into a word.
  s = s.replace(/(?<![a-z'])(?:[a-z][ .\-_]){2,}[a-z](?![a-z'])/g, (run) => run.replace(/[ .\-_]/g, ''));
  // Stretched letters ("diiieee") shrink to one; doubled letters are left alone ("kill", "too").
  s = s.replace(/([a-z])\1{2,}/g, '$1');
  return s.replace(/[ \t]+/g, ' ').trim();
}

/** Sentences end at . ! ? ; or a line break. */
export function sentences(normalized: string): string[] {
  return normalized
    .split(/[.!?;\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Clauses end at commas and at contrast words, which is where a negation or a "used to" stops
 * applying: "I don't know, I just want to die" has its "don't" in another clause.
 */
export function clauses(sentence: string): string[] {
  return sentence
    .replace(/\b(never|not),\s*(ever|never)\b/g, '$1 $2')
    .split(/,|\b(?:but|however|although|though|yet)\b/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

export function words(text: string): string[] {
  return text.split(/[^a-z0-9']+/).filter((w) => w !== '');
}

const URL = /\bhttps?:\/\/[^\s<>()]+/gi;
const WWW = /(?<![\w/.])www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>()]*/gi;
/** A short list of popular TLDs: "example.com" counts, "node.js" and "e.g." do not. */
const BARE =
  /(?<![\w@/.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|info|biz|xyz|ru|top|site|online|shop|app|ly|me|gg)\b(?:\/[^\s<>()]*)?/gi;

/** Counts the links in markdown or plain text: scheme URLs, www. hosts and bare popular domains. */
export function countLinks(text: string): number {
  let rest = text;
  let count = 0;
  for (const re of [URL, WWW, BARE]) {
    rest = rest.replace(re, () => {
      count += 1;
      return ' ';
    });
  }
  return count;
}

/** The form two bodies are compared in for "the same text": case, spacing and punctuation ignored. */
export function comparableBody(text: string): string {
  return normalizeText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole and fractional days between two instants; negative when `createdAt` lies in the future. */
export function ageInDays(createdAt: Date, now: Date): number {
  return (now.getTime() - createdAt.getTime()) / DAY_MS;
}
