/**
 * The labelled corpus of the validator's text rules (test-support/validator-corpus/*.json, issue 12):
 * loading it, and measuring precision and recall per rule. Each card is validated alone on a
 * board of its language; only the measured rules are compared (a lone card also breaks path
 * rules, which are not about text).
 */
import { LANES, type Lane, type Language } from '../src/board/lanes.ts';
import type { Finding } from '../src/validator/types.ts';
import { validateBoard } from '../src/validator/validator.ts';
import { board, card } from './boards.ts';
import heldOut from './validator-corpus/held-out.json' with { type: 'json' };
import tuning from './validator-corpus/tuning.json' with { type: 'json' };
import wordForms from './validator-corpus/word-forms.json' with { type: 'json' };

/** The rules the corpus measures: every rule whose verdict depends on what a card says. */
export const MEASURED_RULES = [
  'text/tactic-as-strategy',
  'text/vague-objective',
  'text/objective-incomplete',
  'text/marketing-objective',
  'text/strategy-horizon',
  'card/plan-without-kpi',
  'card/plan-incomplete',
  'card/plan-invalid-date',
] as const;
export type MeasuredRule = (typeof MEASURED_RULES)[number];

/**
 * `tuning` and `held-out` are the corpus proper; `word-forms` is a probe of inflected forms no
 * list spells out, and of words whose stems collide with a list term (the stemmer comparison).
 */
export type CorpusSplit = 'tuning' | 'held-out' | 'word-forms';

export interface CorpusCard {
  id: string;
  lane: Lane;
  /** The board's language; the card's text may be in the other one. */
  language: Language;
  expect: MeasuredRule[];
  title: string;
  body: string;
  kpi: string;
  owner: string;
  dueDate: string;
  budget: string;
  kind: string;
}

const FILES: Record<CorpusSplit, readonly Record<string, unknown>[]> = {
  tuning,
  'held-out': heldOut,
  'word-forms': wordForms,
};

const KEYS = new Set([
  'id',
  'lane',
  'language',
  'expect',
  'title',
  'body',
  'kpi',
  'owner',
  'dueDate',
  'budget',
  'kind',
]);

/** One part of the corpus. Throws, naming the file and card, on a malformed entry. */
export function loadCorpus(split: CorpusSplit): CorpusCard[] {
  return FILES[split].map((row, index) => {
    const where = `validator-corpus/${split}.json, card ${index + 1} (${String(row.id)})`;
    for (const key of Object.keys(row)) {
      if (!KEYS.has(key)) throw new Error(`${where}: unknown key '${key}'`);
    }
    const text = (key: string): string => {
      const value = row[key] ?? '';
      if (typeof value !== 'string') throw new Error(`${where}: '${key}' must be a string`);
      return value;
    };
    const lane = text('lane');
    const language = text('language');
    if (!(LANES as readonly string[]).includes(lane)) throw new Error(`${where}: lane '${lane}'`);
    if (language !== 'fr' && language !== 'en') throw new Error(`${where}: language '${language}'`);
    const expect = row.expect;
    if (
      !Array.isArray(expect) ||
      !expect.every((rule) => (MEASURED_RULES as readonly unknown[]).includes(rule))
    ) {
      throw new Error(`${where}: 'expect' must list measured rules`);
    }
    if (text('id') === '' || text('title') === '') throw new Error(`${where}: id and title`);
    return {
      id: text('id'),
      lane: lane as Lane,
      language,
      expect: expect as MeasuredRule[],
      title: text('title'),
      body: text('body'),
      kpi: text('kpi'),
      owner: text('owner'),
      dueDate: text('dueDate'),
      budget: text('budget'),
      kind: text('kind'),
    };
  });
}

/** The measured rules that fire on the card alone, on a board of its language. */
export function firedRules(entry: CorpusCard): { rules: MeasuredRule[]; findings: Finding[] } {
  const snapshot = board(
    [
      card(entry.id, entry.lane, entry.title, {
        body: entry.body,
        kpi: entry.kpi,
        owner: entry.owner,
        dueDate: entry.dueDate,
        budget: entry.budget,
      }),
    ],
    [],
    { language: entry.language },
  );
  const findings = validateBoard(snapshot).filter((finding) =>
    (MEASURED_RULES as readonly string[]).includes(finding.rule),
  );
  return { rules: findings.map((finding) => finding.rule as MeasuredRule), findings };
}

export interface Miss {
  card: CorpusCard;
  rule: MeasuredRule;
  /** `false alarm`: fired though not expected; `missed`: expected but quiet. */
  kind: 'false alarm' | 'missed';
  message?: string;
}

export interface RuleScore {
  rule: MeasuredRule;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** TP / (TP + FP); 1 when the rule never fired. */
  precision: number;
  /** TP / (TP + FN); 1 when nothing was expected. */
  recall: number;
}

export interface CorpusScore {
  cards: number;
  rules: RuleScore[];
  misses: Miss[];
}

/** Precision and recall per measured rule over `cards`, with every miss. */
export function scoreCorpus(cards: readonly CorpusCard[]): CorpusScore {
  const counts = new Map<MeasuredRule, { tp: number; fp: number; fn: number }>(
    MEASURED_RULES.map((rule) => [rule, { tp: 0, fp: 0, fn: 0 }]),
  );
  const misses: Miss[] = [];
  for (const entry of cards) {
    const { rules: fired, findings } = firedRules(entry);
    for (const rule of MEASURED_RULES) {
      const expected = entry.expect.includes(rule);
      const got = fired.includes(rule);
      const count = counts.get(rule)!;
      if (expected && got) count.tp++;
      else if (got) {
        count.fp++;
        const message = findings.find((finding) => finding.rule === rule)?.message.en;
        misses.push({ card: entry, rule, kind: 'false alarm', ...(message ? { message } : {}) });
      } else if (expected) {
        count.fn++;
        misses.push({ card: entry, rule, kind: 'missed' });
      }
    }
  }
  const rules = MEASURED_RULES.map((rule): RuleScore => {
    const { tp, fp, fn } = counts.get(rule)!;
    return {
      rule,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    };
  });
  return { cards: cards.length, rules, misses };
}
