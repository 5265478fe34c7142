import { describe, it, expect } from 'vitest';
import { DEFAULT_MODERATION_CONFIG } from '../../moderation/config';
import {
  compareQueueItems,
  decodeQueueCursor,
  encodeQueueCursor,
  isAfterCursor,
  isCrisisItem,
  itemWeight,
  type QueueKey,
} from '../../moderation/queue';
import type { FlagReason } from '../../moderation/types';
import { NOW, minutesAgo } from './factories';

const flags = (...reasons: FlagReason[]) => reasons.map((reason) => ({ reason }));

function key(id: string, overrides: Partial<QueueKey> = {}): QueueKey {
  return { id, crisis: false, weight: 10, createdAt: NOW, ...overrides };
}

describe('flag weights', () => {
  it('ranks reasons crisis, harassment, harmful, spam, other by default', () => {
    const w = (r: FlagReason) => itemWeight(flags(r), DEFAULT_MODERATION_CONFIG);
    expect([w('crisis'), w('harassment'), w('harmful'), w('spam'), w('other')]).toEqual([
      100, 40, 30, 20, 10,
    ]);
  });

  it('adds flags and the automatic rules’ weight', () => {
    expect(itemWeight(flags('spam', 'spam', 'other'), DEFAULT_MODERATION_CONFIG, 5)).toBe(55);
  });

  it('caps how many flags of one reason count, so a pile-on cannot bury harassment', () => {
    const pileOn = itemWeight(flags(...Array<FlagReason>(30).fill('other')), DEFAULT_MODERATION_CONFIG);
    expect(pileOn).toBe(50);
    expect(pileOn).toBeLessThan(itemWeight(flags('harassment', 'harassment'), DEFAULT_MODERATION_CONFIG));
  });

  it('puts an item in the crisis lane for a crisis flag or the crisis rule', () => {
    expect(isCrisisItem(flags('other', 'crisis'), [])).toBe(true);
    expect(isCrisisItem(flags('harassment'), ['crisis'])).toBe(true);
    expect(isCrisisItem(flags('harassment'), ['spam'])).toBe(false);
  });
});

describe('moderation queue', () => {
  const items: QueueKey[] = [
    key('5', { weight: 200, createdAt: minutesAgo(100) }),
    key('9', { weight: 10, createdAt: minutesAgo(5) }),
    key('3', { crisis: true, weight: 100, createdAt: minutesAgo(1) }),
    key('12', { weight: 10, createdAt: minutesAgo(50) }),
    key('100', { weight: 10, createdAt: minutesAgo(50) }),
    key('4', { crisis: true, weight: 100, createdAt: minutesAgo(30) }),
    key('20', { weight: 40, createdAt: minutesAgo(2) }),
  ];

  it('puts a crisis item before heavier and older flags, then weight, then oldest, then id', () => {
    const order = [...items].sort(compareQueueItems).map((i) => i.id);
    expect(order).toEqual(['4', '3', '5', '20', '12', '100', '9']);
  });

  it('compares ids as numbers, not as text', () => {
    expect(compareQueueItems(key('100'), key('99'))).toBeGreaterThan(0);
  });

  it('pages through the whole queue with cursors, each item once', () => {
    const sorted = [...items].sort(compareQueueItems);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const after: QueueKey | null = cursor === null ? null : decodeQueueCursor(cursor);
      const rows = sorted.filter((i) => after === null || isAfterCursor(i, after)).slice(0, 3);
      seen.push(...rows.map((r) => r.id));
      const last = rows.at(-1);
      if (rows.length < 3 || last === undefined) break;
      cursor = encodeQueueCursor(last);
    }
    expect(seen).toEqual(sorted.map((i) => i.id));
  });
});

describe('queue cursor', () => {
  it('round-trips a key and is base64url', () => {
    const k = key('9223372036854775807', {
      crisis: true,
      weight: 0,
      createdAt: new Date('2024-02-29T23:59:59.999Z'),
    });
    const cursor = encodeQueueCursor(k);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeQueueCursor(cursor)).toEqual(k);
  });

  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const good = ['q1', 0, 10, '2025-06-01T12:00:00.000Z', '7'];

  it.each([
    ['nothing', undefined],
    ['a number', 42],
    ['an empty string', ''],
    ['not base64url', 'abc+/=='],
    ['base64 of junk bytes', Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('base64url')],
    ['JSON that is not an array', b64({ id: '1' })],
    ['a short array', b64(good.slice(0, 4))],
    ['another version', b64(['q2', ...good.slice(1)])],
    ['a crisis flag that is not 0 or 1', b64(['q1', true, ...good.slice(2)])],
    ['a negative weight', b64(['q1', 0, -1, ...good.slice(3)])],
    ['a fractional weight', b64(['q1', 0, 1.5, ...good.slice(3)])],
    ['a weight beyond an integer column', b64(['q1', 0, 2 ** 31, ...good.slice(3)])],
    ['an invalid date', b64(['q1', 0, 10, '2025-02-30T00:00:00.000Z', '7'])],
    ['a date in another format', b64(['q1', 0, 10, '2025-06-01', '7'])],
    ['an SQL-ish id', b64([...good.slice(0, 4), '1; drop table posts'])],
    ['a numeric id as a number', b64([...good.slice(0, 4), 7])],
    ['an id beyond bigint', b64([...good.slice(0, 4), '9223372036854775808'])],
    ['an id with leading zeros', b64([...good.slice(0, 4), '007'])],
    ['a prototype-polluting object', b64({ __proto__: { polluted: true } })],
    ['a very long cursor', 'A'.repeat(10_000)],
  ])('decodes %s to null without throwing', (_what, cursor) => {
    expect(decodeQueueCursor(cursor)).toBeNull();
  });

  it('accepts the well-formed payload the garbage rows are built from', () => {
    expect(decodeQueueCursor(b64(good))).toEqual(
      key('7', { createdAt: new Date('2025-06-01T12:00:00.000Z') }),
    );
  });
});
