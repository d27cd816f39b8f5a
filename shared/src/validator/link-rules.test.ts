import { describe, expect, it } from 'vitest';
import { board, card, completePlan, link, wellFormedBoard } from '../../test-support/index.ts';
import type { BoardSnapshot } from '../board/types.ts';
import type { Finding } from './types.ts';
import { validateBoard } from './validator.ts';

function findingsOf(snapshot: BoardSnapshot, rule: string): Finding[] {
  return validateBoard(snapshot).filter((finding) => finding.rule === rule);
}

const objective = card('o1', 'objective', 'Doubler les ventes au Québec en 2027');
const strategy = card('s1', 'strategy', 'Pénétrer le marché québécois avec notre nouveau produit');
const plan = completePlan('p1', 'Plan Québec 2027');
const tactic = card('t1', 'tactic', 'Campagne de courriels aux distributeurs');

describe('link rules', () => {
  it('[link/dangling] fires on a link whose end card no longer exists, naming the card that remains', () => {
    const snapshot = board(
      [objective, strategy],
      [link('l1', 's1', 'o1'), link('l2', 'gone', 's1')],
    );
    const findings = findingsOf(snapshot, 'link/dangling');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.target).toEqual({ kind: 'link', id: 'l2' });
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message.fr).toContain('« Pénétrer le marché québécois');
    expect(findings[0]!.message.en).toContain('“Pénétrer le marché québécois');
  });

  it('[link/dangling] fires once when both ends are gone, and on the missing target end', () => {
    const snapshot = board([strategy], [link('l1', 'x', 'y'), link('l2', 's1', 'gone')]);
    expect(findingsOf(snapshot, 'link/dangling').map((f) => f.target.id)).toEqual(['l1', 'l2']);
  });

  it('[link/dangling] stays quiet when both ends exist', () => {
    expect(findingsOf(wellFormedBoard(), 'link/dangling')).toEqual([]);
  });

  it('[link/self] fires on a card linked to itself', () => {
    const snapshot = board([plan], [link('l1', 'p1', 'p1')]);
    const findings = findingsOf(snapshot, 'link/self');
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['l1', 'error']]);
    expect(findings[0]!.message.en).toContain('“Plan Québec 2027” is linked to itself');
  });

  it('[link/self] stays quiet on a link between two cards (and a self link to a missing card is dangling)', () => {
    expect(findingsOf(wellFormedBoard(), 'link/self')).toEqual([]);
    const missing = board([], [link('l1', 'gone', 'gone')]);
    expect(findingsOf(missing, 'link/self')).toEqual([]);
    expect(findingsOf(missing, 'link/dangling')).toHaveLength(1);
  });

  it('[link/duplicate] fires on the second link of a pair, in either direction; the smallest id is the original', () => {
    const sameWay = board([strategy, objective], [link('l1', 's1', 'o1'), link('l2', 's1', 'o1')]);
    expect(findingsOf(sameWay, 'link/duplicate').map((f) => f.target.id)).toEqual(['l2']);
    const reversed = board([strategy, objective], [link('a', 's1', 'o1'), link('b', 'o1', 's1')]);
    const findings = findingsOf(reversed, 'link/duplicate');
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['b', 'warning']]);
    expect(findings[0]!.message.fr).toContain('(a)');
    // The duplicate is not also judged on its direction: deleting it is the whole fix.
    expect(findingsOf(reversed, 'link/downward')).toEqual([]);
  });

  it('[link/duplicate] stays quiet when each pair is linked once', () => {
    expect(findingsOf(wellFormedBoard(), 'link/duplicate')).toEqual([]);
  });

  it('[link/downward] fires when `from` is higher in the triangle than `to` (after a drag)', () => {
    // The strategy was linked to the objective, then dragged above it into the objective lane
    // while the objective card went down to strategy: same link, now pointing down.
    const snapshot = board(
      [card('o1', 'strategy', objective.title), card('s1', 'objective', strategy.title)],
      [link('l1', 's1', 'o1')],
    );
    const findings = findingsOf(snapshot, 'link/downward');
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['l1', 'error']]);
    expect(findings[0]!.message.en).toContain('(Objective) is meant to serve');
    expect(findings[0]!.message.fr).toContain('va vers le bas');
  });

  it('[link/downward] stays quiet on links that go up one level', () => {
    expect(findingsOf(wellFormedBoard(), 'link/downward')).toEqual([]);
  });

  it('[link/skips-levels] fires on tactic → objective', () => {
    const snapshot = board([objective, tactic], [link('l1', 't1', 'o1')]);
    const findings = findingsOf(snapshot, 'link/skips-levels');
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['l1', 'error']]);
    expect(findings[0]!.message.en).toContain('the strategy and the plan between them are missing');
  });

  it('[link/skips-levels] stays quiet on tactic → plan', () => {
    const snapshot = board([plan, tactic], [link('l1', 't1', 'p1')]);
    expect(findingsOf(snapshot, 'link/skips-levels')).toEqual([]);
  });

  it('[link/skips-plan] fires on tactic → strategy (missing plan) and plan → objective (missing strategy)', () => {
    const snapshot = board(
      [objective, strategy, plan, tactic],
      [link('l1', 't1', 's1'), link('l2', 'p1', 'o1')],
    );
    const findings = findingsOf(snapshot, 'link/skips-plan');
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([
      ['l1', 'warning'],
      ['l2', 'warning'],
    ]);
    expect(findings[0]!.message.en).toContain('the plan between them is missing');
    expect(findings[1]!.message.en).toContain('the strategy between them is missing');
    expect(findings[1]!.message.fr).toContain('il manque la stratégie');
  });

  it('[link/skips-plan] stays quiet on a link one level up', () => {
    expect(findingsOf(wellFormedBoard(), 'link/skips-plan')).toEqual([]);
  });

  it('[link/same-lane] fires when both ends are in one lane', () => {
    const other = card('t2', 'tactic', 'Salon Expo-PME de Montréal');
    const snapshot = board([tactic, other], [link('l1', 't2', 't1')]);
    const findings = findingsOf(snapshot, 'link/same-lane');
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['l1', 'warning']]);
    expect(findings[0]!.message.fr).toContain('dans le couloir Tactique');
    expect(findings[0]!.message.en).toContain('in the Tactic lane');
  });

  it('[link/same-lane] stays quiet on links between lanes', () => {
    expect(findingsOf(wellFormedBoard(), 'link/same-lane')).toEqual([]);
  });
});
