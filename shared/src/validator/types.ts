import type { Language } from '../board/lanes.ts';

export type Severity = 'error' | 'warning' | 'info';

/** What a finding points at: a card or a link, by id. */
export interface FindingTarget {
  kind: 'card' | 'link';
  id: string;
}

/**
 * One thing wrong with a board. `rule` is a stable id from docs/validator-rules.md
 * (e.g. `link/downward`); `message` says what is wrong and how to fix it, in both languages.
 */
export interface Finding {
  rule: string;
  severity: Severity;
  target: FindingTarget;
  message: Record<Language, string>;
}

/**
 * Alignment: the share of tactics that trace up to an objective, and of objectives that reach
 * down to a tactic; `overall` is their mean (1 when the board has neither).
 */
export interface AlignmentScore {
  tacticsAligned: number;
  tacticsTotal: number;
  objectivesReached: number;
  objectivesTotal: number;
  overall: number;
}

/** A card's chain: what it serves up to the objectives, and what serves it down to the tactics. */
export interface CardChain {
  up: { cards: string[]; links: string[] };
  down: { cards: string[]; links: string[] };
}
