import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  DEFAULT_MODERATION_CONFIG,
  ModerationConfigError,
  parseModerationConfig,
} from '../../moderation/config';
import { loadModerationConfig } from '../../moderation/load';

describe('moderation rule configuration', () => {
  it('ships a config/moderation-rules.json that matches the defaults', () => {
    expect(loadModerationConfig(join(import.meta.dirname, '../../config/moderation-rules.json'))).toEqual(
      DEFAULT_MODERATION_CONFIG,
    );
  });

  it('fills whatever is left out with defaults', () => {
    const config = parseModerationConfig({ rules: { spam: { maxLinks: 2 } } });
    expect(config.rules.spam.maxLinks).toBe(2);
    expect(config.rules.spam.duplicateMinThreads).toBe(
      DEFAULT_MODERATION_CONFIG.rules.spam.duplicateMinThreads,
    );
    expect(config.rules.crisis).toEqual(DEFAULT_MODERATION_CONFIG.rules.crisis);
    expect(parseModerationConfig({})).toEqual(DEFAULT_MODERATION_CONFIG);
  });

  it('turns rules off and changes weights', () => {
    const config = parseModerationConfig({
      rules: { newMember: { enabled: false } },
      flagWeights: { other: 1 },
    });
    expect(config.rules.newMember.enabled).toBe(false);
    expect(config.flagWeights).toEqual({ ...DEFAULT_MODERATION_CONFIG.flagWeights, other: 1 });
  });

  it('returns a deeply frozen object', () => {
    const config = parseModerationConfig({ rules: { crisis: { extraPhrases: ['sewer slide'] } } });
    expect(Object.isFrozen(config.rules.crisis)).toBe(true);
    expect(Object.isFrozen(config.rules.crisis.extraPhrases)).toBe(true);
    expect(Object.isFrozen(config.flagWeights)).toBe(true);
  });

  it.each([
    [
      { rules: { spam: { maxLinks: 'ten' } } },
      'moderation-rules.rules.spam.maxLinks must be a whole number from 0 to 1000, got "ten"',
    ],
    [{ rules: { spam: { maxLinks: 2.5 } } }, 'rules.spam.maxLinks must be a whole number'],
    [
      { rules: { newMember: { linkMinAccountAgeDays: -1 } } },
      'rules.newMember.linkMinAccountAgeDays must be a whole number from 0',
    ],
    [{ rules: { crisis: { enabled: 'yes' } } }, 'rules.crisis.enabled must be true or false, got "yes"'],
    [{ rules: { crisis: { enabeld: false } } }, 'rules.crisis.enabeld is not a known setting'],
    [{ rules: { sentiment: {} } }, 'rules.sentiment is not a known setting'],
    [{ rules: { crisis: { extraPhrases: 'die' } } }, 'rules.crisis.extraPhrases must be a list'],
    [
      { rules: { crisis: { extraPhrases: ['ok', 7] } } },
      'rules.crisis.extraPhrases[0] must be a phrase of 3 to 200 characters',
    ],
    [{ flagWeights: { crisis: 1e9 } }, 'flagWeights.crisis must be a whole number from 0 to 10000'],
    [{ flagWeights: { rude: 5 } }, 'flagWeights.rude is not a known setting'],
    [{ claimMinutes: 0 }, 'claimMinutes must be a whole number from 1 to 1440, got 0'],
    [{ rules: [] }, 'moderation-rules.rules must be an object, got []'],
    [[1, 2], 'moderation-rules must be an object'],
  ])('refuses %j with a message naming the key', (raw, message) => {
    expect(() => parseModerationConfig(raw)).toThrow(ModerationConfigError);
    expect(() => parseModerationConfig(raw)).toThrow(message);
  });

  it('ignores "_comment" keys', () => {
    expect(parseModerationConfig({ _comment: 'hi', rules: { _note: 'x', spam: { _why: 'y' } } })).toEqual(
      DEFAULT_MODERATION_CONFIG,
    );
  });

  it('names the file when it is not JSON, and uses defaults when it is absent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-modcfg-'));
    const broken = join(dir, 'moderation-rules.json');
    writeFileSync(broken, '{ "rules": ');
    expect(() => loadModerationConfig(broken)).toThrow(`${broken} is not valid JSON`);
    expect(loadModerationConfig(join(dir, 'absent.json'))).toEqual(DEFAULT_MODERATION_CONFIG);
  });
});
