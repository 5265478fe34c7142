import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords and recovery codes are hashed with scrypt (memory-hard, in node:crypto, no native
 * addon). Default cost: N = 2^17, r = 8, p = 1 (128 MiB, OWASP's recommendation). The stored
 * string carries its parameters, so raising the cost later keeps old hashes verifiable.
 */
export interface HashParams {
  log2N: number;
  r: number;
  p: number;
}

export const DEFAULT_HASH_PARAMS: HashParams = { log2N: 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scrypt(secret: string, salt: Buffer, params: HashParams): Promise<Buffer> {
  const N = 2 ** params.log2N;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 128 * N * params.r * 2 + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(secret.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashSecret(secret: string, params: HashParams = DEFAULT_HASH_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, params);
  return ['scrypt', params.log2N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, log2N, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), { log2N: Number(log2N), r: Number(r), p: Number(p) });
  // scrypt keys HMAC with the password, and HMAC pads keys with zero bytes: "secret" and "secret\0"
  // hash alike. No stored secret holds a NUL (registration refuses it), so one never matches.
  // Checked after hashing, so the answer takes the same time.
  if (secret.includes('\u0000')) return false;
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when a stored hash was made with other parameters than these (the cost was raised or lowered). */
export function needsRehash(stored: string, params: HashParams): boolean {
  const [kind, log2N, r, p] = stored.split('$');
  return kind !== 'scrypt' || Number(log2N) !== params.log2N || Number(r) !== params.r || Number(p) !== params.p;
}

/**
 * A wrong pseudonym must cost what a wrong password costs, or response time tells who is here.
 * This hash is made once with the current parameters and checked against when nobody matches.
 */
export function dummyHash(params: HashParams = DEFAULT_HASH_PARAMS): Promise<string> {
  return hashSecret(randomBytes(16).toString('hex'), params);
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** 25 characters from a 30-letter alphabet without look-alikes: about 122 bits, grouped for reading. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(25);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]);
  return [0, 5, 10, 15, 20].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/** People copy codes with spaces, dashes or lower case; compare the letters only. */
export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
