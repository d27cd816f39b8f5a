/**
 * The four levels of the fire triangle, from the apex down.
 *
 * A link goes *up*: a tactic serves a plan, a plan a strategy, a strategy an objective.
 * `LANE_LEVEL` gives each lane its height in that order (objective = 0 at the apex).
 */
export const LANES = ['objective', 'strategy', 'plan', 'tactic'] as const;

/** One of the four lanes. @example const lane: Lane = 'tactic'; */
export type Lane = (typeof LANES)[number];

/** 0 for the apex (objective) to 3 for the base (tactic). */
export const LANE_LEVEL: Readonly<Record<Lane, number>> = {
  objective: 0,
  strategy: 1,
  plan: 2,
  tactic: 3,
};

export function isLane(value: unknown): value is Lane {
  return typeof value === 'string' && (LANES as readonly string[]).includes(value);
}

/** The languages a board (its lane labels and validator messages) can be in. */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return value === 'fr' || value === 'en';
}

/** Lane labels in the board's language, as drawn on the canvas and printed in reports. */
export const LANE_LABELS: Readonly<Record<Language, Readonly<Record<Lane, string>>>> = {
  fr: { objective: 'Objectif', strategy: 'Stratégie', plan: 'Plan', tactic: 'Tactique' },
  en: { objective: 'Objective', strategy: 'Strategy', plan: 'Plan', tactic: 'Tactic' },
};

/** Default card colour per lane (a card may override it). */
export const LANE_COLOURS: Readonly<Record<Lane, string>> = {
  objective: '#e4572e',
  strategy: '#f3a712',
  plan: '#29335c',
  tactic: '#669bbc',
};
