/**
 * The text rules on the labelled corpus (issue 12, test-support/validator-corpus/). Every card of the
 * tuning part must get exactly its labels; the held-out part is a measurement (its precision and
 * recall per rule, with the misses, are in docs/validator-rules.md) and only has a floor here, so
 * a change that generalises worse fails.
 */
import { describe, expect, it } from 'vitest';
import {
  firedRules,
  loadCorpus,
  MEASURED_RULES,
  scoreCorpus,
} from '../test-support/validator-corpus.ts';

describe('validator corpus', () => {
  const tuning = loadCorpus('tuning');

  it('has at least 300 cards in French and English, in every lane, good and bad', () => {
    const all = [...tuning, ...loadCorpus('held-out')];
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(new Set(all.map((entry) => entry.id)).size).toBe(all.length);
    for (const lane of ['objective', 'strategy', 'plan', 'tactic']) {
      expect(
        all.some((entry) => entry.lane === lane && entry.expect.length === 0),
        lane,
      ).toBe(true);
    }
    for (const rule of MEASURED_RULES) {
      expect(
        all.some((entry) => entry.expect.includes(rule)),
        rule,
      ).toBe(true);
    }
    for (const kind of ['regional-qc', 'regional-be', 'regional-ch', 'mixed', 'word-form']) {
      expect(
        all.some((entry) => entry.kind.includes(kind)),
        kind,
      ).toBe(true);
    }
  });

  for (const rule of MEASURED_RULES) {
    it(`[${rule}] gives every tuning card its label`, () => {
      const wrong = tuning
        .filter((entry) => entry.expect.includes(rule) !== firedRules(entry).rules.includes(rule))
        .map((entry) => `${entry.id} « ${entry.title} » expected ${entry.expect.includes(rule)}`);
      expect(wrong).toEqual([]);
    });
  }

  it('keeps precision ≥ 0.9 and recall ≥ 0.85 per rule on the held-out part', () => {
    const score = scoreCorpus(loadCorpus('held-out'));
    for (const rule of score.rules) {
      expect(rule.precision, `${rule.rule} precision`).toBeGreaterThanOrEqual(0.9);
      expect(rule.recall, `${rule.rule} recall`).toBeGreaterThanOrEqual(0.85);
    }
  });
});
