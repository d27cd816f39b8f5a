/**
 * The validator's rule catalogue: every rule id, its severity and a short title in both
 * languages. The full spec (when each rule fires, when it stays quiet, examples, the seed it
 * comes from) is docs/validator-rules.md; tests are named after these ids.
 */
import type { Language } from '../board/lanes.ts';
import type { Severity } from './types.ts';

/** Link rules: at most one of them fires per link (see `LINK_RULES` for the precedence). */
export const LINK_RULES = [
  'link/dangling',
  'link/self',
  'link/duplicate',
  'link/downward',
  'link/skips-levels',
  'link/skips-plan',
  'link/same-lane',
] as const;

/** Rules whose target is a card. */
export const CARD_RULES = [
  'card/tactic-without-strategy',
  'card/strategy-without-tactic',
  'card/objective-without-strategy',
  'card/plan-without-kpi',
  'card/plan-incomplete',
  'card/plan-invalid-date',
  'text/tactic-as-strategy',
  'text/vague-objective',
  'text/objective-incomplete',
  'text/marketing-objective',
  'text/strategy-horizon',
  'focus/too-many-strategies',
] as const;

export type LinkRuleId = (typeof LINK_RULES)[number];
export type CardRuleId = (typeof CARD_RULES)[number];
export type RuleId = LinkRuleId | CardRuleId;

export interface RuleInfo {
  severity: Severity;
  title: Record<Language, string>;
}

export const RULES: Readonly<Record<RuleId, Readonly<RuleInfo>>> = {
  'link/dangling': {
    severity: 'error',
    title: { fr: 'Lien vers une carte disparue', en: 'Link to a missing card' },
  },
  'link/self': {
    severity: 'error',
    title: { fr: 'Carte reliée à elle-même', en: 'Card linked to itself' },
  },
  'link/duplicate': {
    severity: 'warning',
    title: { fr: 'Lien en double', en: 'Duplicate link' },
  },
  'link/downward': {
    severity: 'error',
    title: { fr: 'Lien à l’envers (vers le bas)', en: 'Link points downward' },
  },
  'link/skips-levels': {
    severity: 'error',
    title: {
      fr: 'Tactique reliée directement à un objectif',
      en: 'Tactic linked straight to an objective',
    },
  },
  'link/skips-plan': {
    severity: 'warning',
    title: { fr: 'Lien qui saute un niveau', en: 'Link skips a level' },
  },
  'link/same-lane': {
    severity: 'warning',
    title: { fr: 'Lien dans un même couloir', en: 'Link within one lane' },
  },
  'card/tactic-without-strategy': {
    severity: 'warning',
    title: { fr: 'Tactique sans stratégie', en: 'Tactic without a strategy' },
  },
  'card/strategy-without-tactic': {
    severity: 'warning',
    title: { fr: 'Stratégie sans tactique', en: 'Strategy without a tactic' },
  },
  'card/objective-without-strategy': {
    severity: 'warning',
    title: { fr: 'Objectif sans stratégie', en: 'Objective without a strategy' },
  },
  'card/plan-without-kpi': {
    severity: 'warning',
    title: { fr: 'Plan sans KPI', en: 'Plan without a KPI' },
  },
  'card/plan-incomplete': {
    severity: 'info',
    title: {
      fr: 'Plan incomplet (responsable, échéance, budget)',
      en: 'Plan incomplete (owner, due date, budget)',
    },
  },
  'card/plan-invalid-date': {
    severity: 'warning',
    title: { fr: 'Échéance de plan illisible', en: 'Unreadable plan due date' },
  },
  'text/tactic-as-strategy': {
    severity: 'warning',
    title: { fr: 'Tactique déguisée en stratégie', en: 'Tactic posing as a strategy' },
  },
  'text/vague-objective': {
    severity: 'warning',
    title: { fr: 'Objectif vague', en: 'Vague objective' },
  },
  'text/objective-incomplete': {
    severity: 'info',
    title: {
      fr: 'Objectif sans échéance ou sans chiffre',
      en: 'Objective missing a deadline or a figure',
    },
  },
  'text/marketing-objective': {
    severity: 'info',
    title: {
      fr: 'Objectif marketing plutôt que d’affaires',
      en: 'Marketing metric as a business objective',
    },
  },
  'text/strategy-horizon': {
    severity: 'info',
    title: { fr: 'Horizon de stratégie irréaliste', en: 'Unrealistic strategy horizon' },
  },
  'focus/too-many-strategies': {
    severity: 'info',
    title: {
      fr: 'Trop de stratégies pour un objectif',
      en: 'Too many strategies for one objective',
    },
  },
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * The order findings come out in: by severity (errors first), then by the rule's place in the
 * catalogue above. Within one rule, findings are sorted by target id (see finding-table.ts).
 */
export const RULE_OUTPUT_ORDER: readonly RuleId[] = [...LINK_RULES, ...CARD_RULES]
  .map((rule, catalogueIndex) => ({ rule, catalogueIndex }))
  .sort(
    (a, b) =>
      SEVERITY_RANK[RULES[a.rule].severity] - SEVERITY_RANK[RULES[b.rule].severity] ||
      a.catalogueIndex - b.catalogueIndex,
  )
  .map(({ rule }) => rule);

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && Object.hasOwn(RULES, value);
}
