import type { CardSnapshot } from './card.ts';
import type { Language } from './lanes.ts';

// The card record (type, fields, defaults, limits, stored form) lives in `card.ts`; these
// re-exports keep `import type { CardSnapshot } from './types.ts'` working.
export type { CardSnapshot, PlanFields } from './card.ts';

/** A point in board coordinates (the triangle's frame, y grows downward). */
export interface Point {
  x: number;
  y: number;
}

/** `from` *serves* `to`: a tactic serves a plan, a plan a strategy, a strategy an objective. */
export interface LinkSnapshot {
  id: string;
  from: string;
  to: string;
}

export interface BoardMeta {
  title: string;
  language: Language;
  /** The Yjs layout version the doc is in (see `SCHEMA_VERSION`). */
  schemaVersion: number;
  /** How many strategies may serve one objective before `focus/too-many-strategies` fires. */
  focusLimit: number;
}

/** A whole board as plain data, in a stable order (cards and links sorted by id). */
export interface BoardSnapshot {
  meta: BoardMeta;
  cards: CardSnapshot[];
  links: LinkSnapshot[];
}
