import { describe, it, expect } from 'vitest';
import { crisisRule, type CrisisConfig } from '../../moderation/rules/crisis';
import { CRISIS_CASES } from './crisis-cases';

const config: CrisisConfig = { enabled: true, extraPhrases: [] };

describe('crisis rule', () => {
  it('has a table large enough to mean something', () => {
    expect(CRISIS_CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CRISIS_CASES.map((c) => [c.group, c.text, c] as const))('[%s] %s', (_group, text, row) => {
    const expected = row.known === undefined ? row.crisis : !row.crisis;
    expect(crisisRule({ text }, config).fired).toBe(expected);
  });

  it('measures precision and recall against human judgement', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const row of CRISIS_CASES) {
      const fired = crisisRule({ text: row.text }, config).fired;
      if (fired && row.crisis) tp += 1;
      else if (fired) fp += 1;
      else if (row.crisis) fn += 1;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `crisis rule on ${CRISIS_CASES.length} sentences: precision ${precision.toFixed(3)} (${tp}/${tp + fp}), recall ${recall.toFixed(3)} (${tp}/${tp + fn})`,
    );
    // Floors, so that a change that makes the rule much worse fails even if someone edits `known`.
    expect(precision).toBeGreaterThanOrEqual(0.85);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });

  it('reports which phrases counted', () => {
    const result = crisisRule({ text: 'Some days I want to end it all.' }, config);
    expect(result).toMatchObject({ fired: true, matches: ['end it all'] });
  });

  it('says why a phrase was set aside', () => {
    expect(crisisRule({ text: 'I would never kill myself.' }, config).suppressed).toEqual([
      { phrase: 'kill myself', why: 'negated' },
    ]);
  });

  it('adds phrases from configuration, matched after the same folding', () => {
    const extra: CrisisConfig = { enabled: true, extraPhrases: ['sewer slide'] };
    expect(crisisRule({ text: 'thinking about SEWER  SLIDE again' }, extra).fired).toBe(true);
    expect(crisisRule({ text: 'thinking about sewer slide again' }, config).fired).toBe(false);
  });

  it('does nothing when disabled', () => {
    expect(crisisRule({ text: 'I want to kill myself' }, { enabled: false, extraPhrases: [] }).fired).toBe(
      false,
    );
  });
});
