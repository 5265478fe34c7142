import { unprocessable } from '../errors';

const PSEUDONYM = /^[A-Za-z0-9_-]{3,32}$/;

/**
 * Reserved names, compared by "skeleton" so that look-alikes (ADM1N, m0d-erator, _haven_) are
 * refused too. Only ASCII letters, digits, _ and - are accepted at all, so Unicode look-alikes
 * (Cyrillic а, full-width letters, zero-width joiners) cannot get in.
 */
const RESERVED = ['admin', 'administrator', 'moderator', 'mod', 'mods', 'haven', 'system', 'deleted', 'anonymous', 'anon',
  'root', 'staff', 'support', 'official', 'team', 'null', 'undefined', 'me', 'you', 'everyone', 'owner', 'security',
  'help', 'crisis', 'alias', 'unknown', 'guest', 'api'];
const RESERVED_PREFIXES = ['admin', 'moderator', 'haven', 'system', 'official', 'staff'];

const LOOKALIKE: Record<string, string> = { '0': 'o', '1': 'l', i: 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g' };

/** The same folding for SQL's translate(): look-alike characters to their letter, then _ and - dropped. */
export const SKELETON_TRANSLATE = {
  from: Object.keys(LOOKALIKE).join('') + '-_',
  to: Object.values(LOOKALIKE).join(''),
} as const;

export function skeleton(name: string): string {
  return [...name.toLowerCase().replace(/[-_]/g, '')].map((c) => LOOKALIKE[c] ?? c).join('');
}

const RESERVED_SKELETONS = new Set(RESERVED.map(skeleton));
const RESERVED_PREFIX_SKELETONS = RESERVED_PREFIXES.map(skeleton);

export function isReserved(name: string): boolean {
  const s = skeleton(name);
  return RESERVED_SKELETONS.has(s) || RESERVED_PREFIX_SKELETONS.some((p) => s.startsWith(p));
}

/** True when the text has the form of a pseudonym (it may still be reserved or unknown). */
export function isWellFormedPseudonym(raw: string): boolean {
  return PSEUDONYM.test(raw);
}

/** Throws a 422 the person can act on; returns the pseudonym as typed. */
export function checkPseudonym(raw: string): string {
  if (!PSEUDONYM.test(raw)) {
    throw unprocessable('invalid_pseudonym', 'A pseudonym is 3–32 characters: letters A–Z, digits, _ and -.');
  }
  if (isReserved(raw)) throw unprocessable('pseudonym_reserved', 'That pseudonym is reserved. Please choose another.');
  return raw;
}

export function checkPassword(raw: string, field = 'password'): string {
  if (raw.length < 10 || raw.length > 200) {
    throw unprocessable('invalid_password', `The ${field} must be 10–200 characters.`);
  }
  if (raw.includes('\u0000')) throw unprocessable('invalid_password', `The ${field} cannot contain a NUL character.`);
  return raw;
}
