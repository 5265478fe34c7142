import { describe, it, expect } from 'vitest';
import { spamRule, type SpamConfig, type SpamInput } from '../../moderation/rules/spam';
import type { RecentPost } from '../../moderation/types';
import { NOW, minutesAgo } from './factories';

const config: SpamConfig = {
  enabled: true,
  hold: true,
  maxLinks: 3,
  duplicateMinThreads: 2,
  duplicateWindowMinutes: 60,
  duplicateMinLength: 30,
};
const AD = 'Struggling? Our premium coaching fixes anxiety in 3 days, message me!';

function input(overrides: Partial<SpamInput> = {}): SpamInput {
  return { text: AD, threadId: '1', role: 'member', recentPosts: [], now: NOW, ...overrides };
}

function earlier(threadId: string, body: string, minutes = 5): RecentPost {
  return { threadId, body, createdAt: minutesAgo(minutes) };
}

describe('spam rule', () => {
  it('fires when the same text is already in enough other threads', () => {
    const recentPosts = [earlier('2', AD), earlier('3', AD.toUpperCase().replace('!', ' !!'))];
    expect(spamRule(input({ recentPosts }), config)).toEqual({
      fired: true,
      reasons: ['duplicate-across-threads'],
    });
  });

  it('counts threads, not posts, and ignores the thread being posted in', () => {
    const recentPosts = [earlier('1', AD), earlier('2', AD), earlier('2', AD)];
    expect(spamRule(input({ recentPosts }), config).fired).toBe(false);
  });

  it('ignores copies older than the window', () => {
    const recentPosts = [earlier('2', AD, 30), earlier('3', AD, 61)];
    expect(spamRule(input({ recentPosts }), config).fired).toBe(false);
  });

  it('lets short kind words be repeated across threads', () => {
    const hugs = 'Sending you hugs ❤️';
    const recentPosts = ['2', '3', '4', '5'].map((t) => earlier(t, hugs));
    expect(spamRule(input({ text: hugs, recentPosts }), config).fired).toBe(false);
  });

  it('fires on more links than allowed, not on exactly as many', () => {
    const links = (n: number) =>
      Array.from({ length: n }, (_, i) => `https://spam${i}.example.com`).join(' ');
    expect(spamRule(input({ text: links(3) }), config).fired).toBe(false);
    expect(spamRule(input({ text: links(4) }), config)).toEqual({ fired: true, reasons: ['link-flood'] });
  });

  it('leaves moderators alone when they share the same helplines in many threads', () => {
    const recentPosts = [earlier('2', AD), earlier('3', AD)];
    expect(spamRule(input({ role: 'moderator', recentPosts }), config).fired).toBe(false);
  });

  it('does nothing when disabled', () => {
    const recentPosts = [earlier('2', AD), earlier('3', AD)];
    expect(spamRule(input({ recentPosts }), { ...config, enabled: false }).fired).toBe(false);
  });
});
