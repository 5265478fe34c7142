import { describe, it, expect } from 'vitest';
import {
  appeal,
  canClaim,
  checkSuspension,
  decide,
  type SuspensionRequest,
} from '../../moderation/decisions';
import type { DecisionAction, PostStatus, Result } from '../../moderation/types';
import { NOW, daysAgo, minutesAgo, openItem, postState } from './factories';

function errorOf<T>(result: Result<T>): { kind: string; code: string } | null {
  return result.ok ? null : { kind: result.error.kind, code: result.error.code };
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

describe('moderation decisions', () => {
  it('approving a pending post publishes it, resolves the item and tells the author', () => {
    const outcome = valueOf(
      decide(openItem(), postState({ status: 'pending' }), 'approve', '', 'moderator', 3),
    );
    expect(outcome).toEqual({
      itemStatus: 'resolved',
      post: { status: 'published', reason: null },
      version: 4,
      notifyAuthor: true,
      log: { action: 'approve', itemId: '7', postId: '42', subject: null, reason: null },
    });
  });

  it('approving a published post dismisses the flags without telling the author it was flagged', () => {
    const outcome = valueOf(decide(openItem(), postState(), 'approve', undefined, 'moderator'));
    expect(outcome).toMatchObject({ itemStatus: 'resolved', post: null, notifyAuthor: false });
  });

  it.each([
    ['hide', 'hidden'],
    ['remove', 'removed'],
  ] as const)('%s takes the post down with the reason its author will see', (action, status) => {
    const outcome = valueOf(decide(openItem(), postState(), action, '  Names a real person.  ', 'moderator'));
    expect(outcome).toMatchObject({
      itemStatus: 'resolved',
      post: { status, reason: 'Names a real person.' },
      notifyAuthor: true,
      log: { action, reason: 'Names a real person.' },
    });
  });

  it('escalating sends the item to admins and leaves the post as it is', () => {
    const outcome = valueOf(
      decide(openItem(), postState(), 'escalate', 'Possible threat to a third party', 'moderator'),
    );
    expect(outcome).toMatchObject({ itemStatus: 'escalated', post: null, notifyAuthor: false, version: 4 });
  });

  it.each(['hide', 'remove'] as const)('%s requires a reason of 1 to 500 characters', (action) => {
    for (const reason of [undefined, null, '', '   ']) {
      expect(errorOf(decide(openItem(), postState(), action, reason, 'moderator'))).toEqual({
        kind: 'invalid',
        code: 'reason_required',
      });
    }
    expect(errorOf(decide(openItem(), postState(), action, 'x'.repeat(501), 'moderator'))).toEqual({
      kind: 'invalid',
      code: 'reason_too_long',
    });
    expect(decide(openItem(), postState(), action, '🙂'.repeat(500), 'moderator').ok).toBe(true);
    expect(errorOf(decide(openItem(), postState(), action, 12, 'moderator'))?.code).toBe('reason_invalid');
  });

  it('refuses a second decision on a resolved item', () => {
    expect(errorOf(decide(openItem({ status: 'resolved' }), postState(), 'approve', '', 'admin'))).toEqual({
      kind: 'conflict',
      code: 'item_resolved',
    });
  });

  it('refuses a decision made against a stale version', () => {
    expect(errorOf(decide(openItem({ version: 4 }), postState(), 'hide', 'Spam', 'moderator', 3))).toEqual({
      kind: 'conflict',
      code: 'version_conflict',
    });
  });

  it('lets only admins decide escalated items', () => {
    const escalated = openItem({ status: 'escalated' });
    for (const action of ['approve', 'hide', 'remove'] as DecisionAction[]) {
      expect(errorOf(decide(escalated, postState(), action, 'Reason', 'moderator'))?.code).toBe(
        'escalated_admin_only',
      );
      expect(decide(escalated, postState(), action, 'Reason', 'admin').ok).toBe(true);
    }
    expect(errorOf(decide(escalated, postState(), 'escalate', 'Again', 'admin'))?.code).toBe(
      'already_escalated',
    );
  });

  it('refuses members', () => {
    expect(errorOf(decide(openItem(), postState(), 'approve', '', 'member'))).toEqual({
      kind: 'forbidden',
      code: 'moderators_only',
    });
  });

  it('only dismisses flags on a post its author deleted', () => {
    const deleted = postState({ status: 'deleted' });
    expect(valueOf(decide(openItem(), deleted, 'approve', '', 'moderator'))).toMatchObject({
      post: null,
      notifyAuthor: false,
    });
    for (const action of ['hide', 'remove', 'escalate'] as DecisionAction[]) {
      expect(errorOf(decide(openItem(), deleted, action, 'Reason', 'moderator'))?.code).toBe('post_deleted');
    }
  });

  it('restores a hidden post when an appeal is approved', () => {
    const outcome = valueOf(
      decide(
        openItem({ appealNote: 'It was about me' }),
        postState({ status: 'hidden' }),
        'approve',
        '',
        'moderator',
      ),
    );
    expect(outcome).toMatchObject({ post: { status: 'published', reason: null }, notifyAuthor: true });
  });
});

describe('claims', () => {
  it('claims an unclaimed item until claimMinutes from now', () => {
    expect(valueOf(canClaim({ ...openItem(), postId: '42' }, '11', NOW, 15))).toEqual({
      claimedBy: '11',
      claimedUntil: new Date(NOW.getTime() + 15 * 60_000),
      version: 4,
      log: { action: 'claim', itemId: '7', postId: '42', subject: null, reason: null },
    });
  });

  it('refuses while another moderator’s claim is fresh, and allows it once stale', () => {
    const claimed = openItem({ claimedBy: '12', claimedUntil: new Date(NOW.getTime() + 60_000) });
    expect(errorOf(canClaim(claimed, '11', NOW, 15))).toEqual({ kind: 'conflict', code: 'claimed' });
    const stale = openItem({ claimedBy: '12', claimedUntil: minutesAgo(1) });
    expect(canClaim(stale, '11', NOW, 15).ok).toBe(true);
    const endsNow = openItem({ claimedBy: '12', claimedUntil: NOW });
    expect(canClaim(endsNow, '11', NOW, 15).ok).toBe(true);
  });

  it('extends your own claim', () => {
    const mine = openItem({ claimedBy: '11', claimedUntil: new Date(NOW.getTime() + 60_000) });
    expect(valueOf(canClaim(mine, '11', NOW, 15)).claimedUntil).toEqual(
      new Date(NOW.getTime() + 15 * 60_000),
    );
  });

  it('refuses resolved items, escalated items for moderators, and members', () => {
    expect(errorOf(canClaim(openItem({ status: 'resolved' }), '11', NOW, 15))?.code).toBe('item_resolved');
    expect(errorOf(canClaim(openItem({ status: 'escalated' }), '11', NOW, 15))?.code).toBe(
      'escalated_admin_only',
    );
    expect(canClaim(openItem({ status: 'escalated' }), '1', NOW, 15, 'admin').ok).toBe(true);
    expect(errorOf(canClaim(openItem(), '11', NOW, 15, 'member'))?.code).toBe('moderators_only');
  });
});

describe('suspensions', () => {
  const request = (overrides: Partial<SuspensionRequest> = {}): SuspensionRequest => ({
    itemId: '7',
    postId: '42',
    days: 7,
    reason: 'Repeated harassment',
    actorRole: 'moderator',
    target: { role: 'member', suspendedUntil: null },
    now: NOW,
    ...overrides,
  });

  it('suspends for whole days and logs the length, not the person', () => {
    expect(valueOf(checkSuspension(request()))).toEqual({
      until: new Date(NOW.getTime() + 7 * 86_400_000),
      reason: 'Repeated harassment',
      log: { action: 'suspend', itemId: '7', postId: '42', subject: '7 days', reason: 'Repeated harassment' },
    });
  });

  it.each([0, 366, 1.5, -3, '7', null, Number.NaN])('refuses %s days', (days) => {
    expect(errorOf(checkSuspension(request({ days })))).toEqual({ kind: 'invalid', code: 'days_invalid' });
  });

  it('accepts the bounds 1 and 365', () => {
    expect(checkSuspension(request({ days: 1 })).ok).toBe(true);
    expect(checkSuspension(request({ days: 365 })).ok).toBe(true);
  });

  it('requires a reason', () => {
    expect(errorOf(checkSuspension(request({ reason: ' ' })))?.code).toBe('reason_required');
  });

  it('never shortens a longer suspension', () => {
    const later = new Date(NOW.getTime() + 30 * 86_400_000);
    expect(
      valueOf(checkSuspension(request({ target: { role: 'member', suspendedUntil: later } }))).until,
    ).toEqual(later);
  });

  it('keeps staff out of reach of moderators, and admins out of reach of everyone', () => {
    expect(
      errorOf(checkSuspension(request({ target: { role: 'moderator', suspendedUntil: null } })))?.code,
    ).toBe('cannot_suspend_staff');
    expect(
      checkSuspension(request({ actorRole: 'admin', target: { role: 'moderator', suspendedUntil: null } }))
        .ok,
    ).toBe(true);
    expect(
      errorOf(
        checkSuspension(request({ actorRole: 'admin', target: { role: 'admin', suspendedUntil: null } })),
      )?.code,
    ).toBe('cannot_suspend_staff');
  });

  it('counts the length from now when an earlier suspension has already ended', () => {
    const ended = { role: 'member' as const, suspendedUntil: daysAgo(3) };
    expect(valueOf(checkSuspension(request({ days: 1, target: ended }))).until).toEqual(
      new Date(NOW.getTime() + 86_400_000),
    );
  });

  it('says when the author is gone, and refuses members', () => {
    expect(errorOf(checkSuspension(request({ target: { role: null, suspendedUntil: null } })))?.code).toBe(
      'author_gone',
    );
    expect(errorOf(checkSuspension(request({ actorRole: 'member' })))?.code).toBe('moderators_only');
  });
});

describe('appeals', () => {
  const resolved = openItem({ status: 'resolved' });

  it.each(['hidden', 'removed'] as PostStatus[])('reopens the item for a %s post', (status) => {
    expect(valueOf(appeal(resolved, postState({ status }), ' It was a quote from my diary. '))).toEqual({
      reopen: '7',
      itemStatus: 'open',
      version: 4,
      note: 'It was a quote from my diary.',
      log: {
        action: 'appeal',
        itemId: '7',
        postId: '42',
        subject: null,
        reason: 'It was a quote from my diary.',
      },
    });
  });

  it('opens a new item when there is none to reopen', () => {
    expect(valueOf(appeal(null, postState({ status: 'removed' }), 'Please look again'))).toMatchObject({
      reopen: null,
      version: 1,
    });
  });

  it.each(['published', 'pending', 'deleted'] as PostStatus[])('refuses to appeal a %s post', (status) => {
    expect(errorOf(appeal(resolved, postState({ status }), 'Please'))).toEqual({
      kind: 'conflict',
      code: 'not_appealable',
    });
  });

  it('refuses while the item is still under review, and a second appeal of the same decision', () => {
    expect(errorOf(appeal(openItem(), postState({ status: 'hidden' }), 'Please'))?.code).toBe(
      'appeal_pending',
    );
    expect(
      errorOf(appeal(openItem({ status: 'escalated' }), postState({ status: 'hidden' }), 'Please'))?.code,
    ).toBe('appeal_pending');
    const appealed = openItem({ status: 'resolved', appealNote: 'First try' });
    expect(errorOf(appeal(appealed, postState({ status: 'hidden' }), 'Again'))?.code).toBe(
      'already_appealed',
    );
  });

  it('requires a note of at most 1000 characters', () => {
    expect(errorOf(appeal(resolved, postState({ status: 'hidden' }), ''))?.code).toBe('note_required');
    expect(errorOf(appeal(resolved, postState({ status: 'hidden' }), 'x'.repeat(1001)))?.code).toBe(
      'note_too_long',
    );
  });
});
