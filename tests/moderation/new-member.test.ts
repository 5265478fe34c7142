import { describe, it, expect } from 'vitest';
import { newMemberRule, type NewMemberConfig } from '../../moderation/rules/new-member';
import { NOW, daysAgo } from './factories';

const config: NewMemberConfig = {
  enabled: true,
  premoderatedBoardMinAccountAgeDays: 7,
  linkMinAccountAgeDays: 3,
};
const base = {
  text: 'Hello everyone, first post here.',
  role: 'member' as const,
  boardPremoderated: false,
  now: NOW,
};

describe('new-member rule', () => {
  it('holds a post on a premoderated board from an account younger than the configured age', () => {
    const result = newMemberRule(
      { ...base, boardPremoderated: true, accountCreatedAt: daysAgo(6.9) },
      config,
    );
    expect(result).toEqual({ fired: true, reasons: ['premoderated-board'] });
  });

  it('lets an account through once it reaches the configured age', () => {
    expect(
      newMemberRule({ ...base, boardPremoderated: true, accountCreatedAt: daysAgo(7) }, config).fired,
    ).toBe(false);
  });

  it('does not hold new accounts on ordinary boards', () => {
    expect(newMemberRule({ ...base, accountCreatedAt: daysAgo(0) }, config).fired).toBe(false);
  });

  it('holds links from accounts younger than the link age, on any board', () => {
    const text = 'This helped me: https://example.org/guide';
    expect(newMemberRule({ ...base, text, accountCreatedAt: daysAgo(2) }, config)).toEqual({
      fired: true,
      reasons: ['new-account-links'],
    });
    expect(newMemberRule({ ...base, text, accountCreatedAt: daysAgo(3) }, config).fired).toBe(false);
  });

  it('notices bare domains as links', () => {
    expect(
      newMemberRule({ ...base, text: 'visit cheap-pills.shop now', accountCreatedAt: daysAgo(1) }, config)
        .fired,
    ).toBe(true);
  });

  it('gives both reasons when both apply', () => {
    const input = {
      ...base,
      text: 'see www.example.com',
      boardPremoderated: true,
      accountCreatedAt: daysAgo(1),
    };
    expect(newMemberRule(input, config).reasons).toEqual(['premoderated-board', 'new-account-links']);
  });

  it('never holds moderators or admins', () => {
    for (const role of ['moderator', 'admin'] as const) {
      const input = {
        ...base,
        role,
        text: 'https://988lifeline.org',
        boardPremoderated: true,
        accountCreatedAt: NOW,
      };
      expect(newMemberRule(input, config).fired).toBe(false);
    }
  });

  it('treats an account dated in the future as new', () => {
    const input = { ...base, boardPremoderated: true, accountCreatedAt: new Date(NOW.getTime() + 60_000) };
    expect(newMemberRule(input, config).fired).toBe(true);
  });

  it('holds every post on a premoderated board when the age is set very high', () => {
    const strict = { ...config, premoderatedBoardMinAccountAgeDays: 36_500 };
    expect(
      newMemberRule({ ...base, boardPremoderated: true, accountCreatedAt: daysAgo(3000) }, strict).fired,
    ).toBe(true);
  });

  it('does nothing when disabled', () => {
    const input = { ...base, boardPremoderated: true, accountCreatedAt: NOW };
    expect(newMemberRule(input, { ...config, enabled: false }).fired).toBe(false);
  });
});
