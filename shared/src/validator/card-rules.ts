/**
 * Card rules: the plan fields (read from the card alone) and the path rules (read from the
 * serving graph's reach bits, see graph.ts).
 */
import { type CardSnapshot, isCalendarDate } from '../board/card.ts';
import { LANE_LEVEL, type Language } from '../board/lanes.ts';
import { REACHES_STRATEGY, SERVED_BY_STRATEGY, SERVED_BY_TACTIC } from './graph.ts';
import * as messages from './messages.ts';
import type { CardRuleId } from './rules.ts';
import { isUnfilled, type LocalFinding, NO_FINDINGS, textFindings } from './text-rules.ts';

/** card/plan-without-kpi, card/plan-incomplete, card/plan-invalid-date. */
export function planFindings(card: CardSnapshot): readonly LocalFinding[] {
  if (card.lane !== 'plan') return NO_FINDINGS;
  const findings: LocalFinding[] = [];
  // « à définir », TBD, N/A, ? count as blank (issue 12).
  if (isUnfilled(card.kpi)) {
    findings.push({ rule: 'card/plan-without-kpi', message: messages.planWithoutKpi(card) });
  }
  const missing: messages.PlanField[] = [];
  const dueDateUnfilled = isUnfilled(card.dueDate);
  if (isUnfilled(card.owner)) missing.push('owner');
  if (dueDateUnfilled) missing.push('dueDate');
  if (isUnfilled(card.budget)) missing.push('budget');
  if (missing.length > 0) {
    findings.push({
      rule: 'card/plan-incomplete',
      message: messages.planIncomplete(card, missing),
    });
  }
  const dueDate = card.dueDate.trim();
  if (!dueDateUnfilled && !isCalendarDate(dueDate)) {
    findings.push({
      rule: 'card/plan-invalid-date',
      message: messages.planInvalidDate(card, dueDate),
    });
  }
  return findings;
}

/**
 * Whether any single-card rule reads cards of this level: plan rules read plans, text rules
 * objectives and strategies; tactics have none (the validator then skips `localFindings`).
 */
export function hasLocalRules(level: number): boolean {
  return level !== LANE_LEVEL.tactic;
}

/** Every rule that reads one card and nothing else: plan fields and text. */
export function localFindings(card: CardSnapshot, language: Language): readonly LocalFinding[] {
  const plan = planFindings(card);
  const text = textFindings(card, language);
  return plan.length === 0 ? text : text.length === 0 ? plan : [...plan, ...text];
}

/** The path rule a card breaks, given its reach bits, if any. */
export function pathRuleOf(card: CardSnapshot, reach: number): CardRuleId | undefined {
  switch (card.lane) {
    case 'tactic':
      return (reach & REACHES_STRATEGY) === 0 ? 'card/tactic-without-strategy' : undefined;
    case 'strategy':
      return (reach & SERVED_BY_TACTIC) === 0 ? 'card/strategy-without-tactic' : undefined;
    case 'objective':
      return (reach & SERVED_BY_STRATEGY) === 0 ? 'card/objective-without-strategy' : undefined;
    default:
      return undefined;
  }
}

export function pathFinding(card: CardSnapshot, rule: CardRuleId): LocalFinding {
  switch (rule) {
    case 'card/tactic-without-strategy':
      return { rule, message: messages.tacticWithoutStrategy(card) };
    case 'card/strategy-without-tactic':
      return { rule, message: messages.strategyWithoutTactic(card) };
    default:
      return { rule, message: messages.objectiveWithoutStrategy(card) };
  }
}

/**
 * The effective focus limit: the board's `focusLimit` rounded down; 0 (no limit) when it is
 * not a positive number.
 */
export function effectiveFocusLimit(focusLimit: number): number {
  return Number.isFinite(focusLimit) && focusLimit >= 1 ? Math.floor(focusLimit) : 0;
}

/** focus/too-many-strategies, when more strategies than the limit link to the objective. */
export function focusFinding(
  card: CardSnapshot,
  strategies: number,
  limit: number,
): LocalFinding | undefined {
  if (card.lane !== 'objective' || limit === 0 || strategies <= limit) return undefined;
  return {
    rule: 'focus/too-many-strategies',
    message: messages.tooManyStrategies(card, strategies, limit),
  };
}
