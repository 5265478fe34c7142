import { describe, it, expect } from 'vitest';
import { DEFAULT_MODERATION_CONFIG, parseModerationConfig } from '../../moderation/config';
import { evaluatePost } from '../../moderation/evaluate';
import { daysAgo, minutesAgo, newPost } from './factories';

const config = DEFAULT_MODERATION_CONFIG;
const AD = 'Best online pharmacy, no prescription needed, discreet shipping worldwide, order today!';

describe('evaluatePost', () => {
  it('publishes an ordinary post with nothing fired', () => {
    expect(evaluatePost(newPost(), config)).toEqual({ hold: false, crisis: false, automatic: [], weight: 0 });
  });

  it('keeps a crisis post published, marks it and weighs it', () => {
    const result = evaluatePost(newPost({ text: "I can't do this. I want to end it all." }), config);
    expect(result).toEqual({ hold: false, crisis: true, automatic: ['crisis'], weight: 100 });
  });

  it('holds a new member on a premoderated board', () => {
    const result = evaluatePost(newPost({ boardPremoderated: true, accountCreatedAt: daysAgo(1) }), config);
    expect(result).toEqual({ hold: true, crisis: false, automatic: ['new-member'], weight: 5 });
  });

  it('holds spam and sums the weights of every rule that fired', () => {
    const recentPosts = [
      { threadId: '2', body: AD, createdAt: minutesAgo(3) },
      { threadId: '3', body: AD, createdAt: minutesAgo(2) },
    ];
    const text = `${AD} https://pills.example.com`;
    const result = evaluatePost(
      newPost({
        text,
        accountCreatedAt: daysAgo(1),
        recentPosts: recentPosts.map((p) => ({ ...p, body: text })),
      }),
      config,
    );
    expect(result).toEqual({ hold: true, crisis: false, automatic: ['new-member', 'spam'], weight: 25 });
  });

  it('flags spam without holding it when configured so', () => {
    const lenient = parseModerationConfig({ rules: { spam: { hold: false, maxLinks: 1 } } });
    const result = evaluatePost(newPost({ text: 'https://a.example.com https://b.example.com' }), lenient);
    expect(result).toMatchObject({ hold: false, automatic: ['spam'] });
  });

  it('can hold and mark a crisis at once: a new member in crisis is still shown resources', () => {
    const result = evaluatePost(
      newPost({ text: 'i want to kill myself', boardPremoderated: true, accountCreatedAt: daysAgo(0) }),
      config,
    );
    expect(result).toEqual({ hold: true, crisis: true, automatic: ['crisis', 'new-member'], weight: 105 });
  });

  it('runs only the enabled rules', () => {
    const off = parseModerationConfig({
      rules: { crisis: { enabled: false }, newMember: { enabled: false } },
    });
    const result = evaluatePost(
      newPost({ text: 'i want to kill myself', boardPremoderated: true, accountCreatedAt: daysAgo(0) }),
      off,
    );
    expect(result).toEqual({ hold: false, crisis: false, automatic: [], weight: 0 });
  });
});
