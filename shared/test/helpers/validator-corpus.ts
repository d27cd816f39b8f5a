/**
 * The labelled corpus of the validator's text rules (test/validator-corpus/*.tsv, issue 12):
 * loading it, and measuring precision and recall per rule. Each card is validated alone on a
 * board of its language; only the measured rules are compared (a lone card also breaks path
 * rules, which are not about text).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LANES, type Lane, type Language } from '../../src/board/lanes.ts';
import { board, card } from '../../src/validator/test-boards.ts';
import type { Finding } from '../../src/validator/types.ts';
import { validateBoard } from '../../src/validator/validator.ts';

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

export type CorpusSplit = 'tuning' | 'held-out';

export interface CorpusCard {
  id: string;
  lane: Lane;
  language: Language;
  expect: MeasuredRule[];
  title: string;
  body: string;
  kpi: string;
  owner: string;
  dueDate: string;
  budget: string;
  kind: string;
  /** 1-based line in the TSV file, for error messages. */
  line: number;
}

const COLUMNS = [
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
] as const;

export function corpusPath(split: CorpusSplit): string {
  return fileURLToPath(new URL(`../validator-corpus/${split}.tsv`, import.meta.url));
}

/** Reads one part of the corpus. Throws, naming the file and line, on a malformed row. */
export function loadCorpus(split: CorpusSplit): CorpusCard[] {
  const path = corpusPath(split);
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines[0]!.split('\t');
  if (header.join('\t') !== COLUMNS.join('\t')) {
    throw new Error(`${path}:1: header must be ${COLUMNS.join(' ')}`);
  }
  const cards: CorpusCard[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = lines[i]!.split('\t');
    const where = `${path}:${i + 1}`;
    if (cells.length !== COLUMNS.length) {
      throw new Error(`${where}: ${cells.length} columns, expected ${COLUMNS.length}`);
    }
    const [id, lane, language, expect, title, body, kpi, owner, dueDate, budget, kind] = cells as [
      string,
      ...string[],
    ];
    if (!(LANES as readonly string[]).includes(lane!)) throw new Error(`${where}: lane '${lane}'`);
    if (language !== 'fr' && language !== 'en') throw new Error(`${where}: language '${language}'`);
    const rules = expect!.split(' ').filter((rule) => rule !== '');
    for (const rule of rules) {
      if (!(MEASURED_RULES as readonly string[]).includes(rule)) {
        throw new Error(`${where}: '${rule}' is not a measured rule`);
      }
    }
    cards.push({
      id,
      lane: lane as Lane,
      language,
      expect: rules as MeasuredRule[],
      title: title!,
      body: body!,
      kpi: kpi!,
      owner: owner!,
      dueDate: dueDate!,
      budget: budget!,
      kind: kind!,
      line: i + 1,
    });
  }
  return cards;
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
