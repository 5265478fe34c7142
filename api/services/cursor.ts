import { badRequest } from '../errors';

/**
 * Keyset cursors are opaque to clients: base64url JSON holding the last row's sort key and a tag
 * for the list it belongs to, so a cursor from one list (or one sort) is refused by another.
 */
export type CursorValue = string | number;

export function encodeCursor(tag: string, key: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify([tag, ...key])).toString('base64url');
}

const invalid = () => badRequest('invalid_cursor', 'That page cursor is not valid. Start again from the first page.');

/** Decodes a cursor made by `encodeCursor(tag, …)` whose key has these types; anything else is a 400. */
export function decodeCursor(raw: string, tag: string, shape: readonly ('id' | 'time' | 'number')[]): CursorValue[] {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(raw)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length + 1 || parsed[0] !== tag) throw invalid();
  return shape.map((kind, i) => {
    const value: unknown = parsed[i + 1];
    if (kind === 'id' && typeof value === 'string' && /^[1-9]\d{0,17}$/.test(value)) return value;
    if (kind === 'time' && typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/.test(value)) {
      if (!Number.isNaN(Date.parse(value))) return value;
    }
    if (kind === 'number' && typeof value === 'number' && Number.isFinite(value)) return value;
    throw invalid();
  });
}
