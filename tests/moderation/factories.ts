import type { ItemState, PostState } from '../../moderation/decisions';
import type { PostInput } from '../../moderation/evaluate';

export const NOW = new Date('2025-06-01T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

export function daysAgo(days: number, from: Date = NOW): Date {
  return new Date(from.getTime() - days * DAY);
}

export function minutesAgo(minutes: number, from: Date = NOW): Date {
  return new Date(from.getTime() - minutes * 60_000);
}

/** A post by a settled member on an ordinary board, with nothing about it to flag. */
export function newPost(overrides: Partial<PostInput> = {}): PostInput {
  return {
    text: 'Today was hard, but I went for a walk and it helped a little.',
    threadId: '10',
    role: 'member',
    accountCreatedAt: daysAgo(90),
    boardPremoderated: false,
    recentPosts: [],
    now: NOW,
    ...overrides,
  };
}

export function openItem(overrides: Partial<ItemState> = {}): ItemState {
  return {
    id: '7',
    status: 'open',
    version: 3,
    claimedBy: null,
    claimedUntil: null,
    appealNote: null,
    ...overrides,
  };
}

export function postState(overrides: Partial<PostState> = {}): PostState {
  return { id: '42', status: 'published', ...overrides };
}
