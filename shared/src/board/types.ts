import type { Lane, Language } from './lanes.ts';

/** A point in board coordinates (the triangle's frame, y grows downward). */
export interface Point {
  x: number;
  y: number;
}

/** Fields only plan cards carry (PRODUCT.md §1: KPI, owner, timeline, budget). */
export interface PlanFields {
  kpi: string;
  owner: string;
  /** ISO date `YYYY-MM-DD`, or '' when not set. */
  dueDate: string;
  budget: string;
}

/**
 * A card as plain data: what the validator, the JSON format and the REST API see.
 * In the Y.Doc, `title` and `body` are Y.Text so two people typing merge character by character.
 */
export interface CardSnapshot extends PlanFields {
  id: string;
  lane: Lane;
  title: string;
  body: string;
  /** Top-left corner of the card, in board coordinates. */
  position: Point;
  colour: string;
  author: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
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
