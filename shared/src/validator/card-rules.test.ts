import { describe, expect, it } from 'vitest';
import { board, card, completePlan, link, wellFormedBoard } from '../../test-support/index.ts';
import { isCalendarDate } from '../board/card.ts';
import { LANE_LEVEL, LANES } from '../board/lanes.ts';
import type { BoardSnapshot } from '../board/types.ts';
import { hasLocalRules, localFindings } from './card-rules.ts';
import type { Finding } from './types.ts';
import { validateBoard } from './validator.ts';

function findingsOf(snapshot: BoardSnapshot, rule: string): Finding[] {
  return validateBoard(snapshot).filter((finding) => finding.rule === rule);
}

function targets(snapshot: BoardSnapshot, rule: string): string[] {
  return findingsOf(snapshot, rule).map((finding) => finding.target.id);
}

const objective = card('o1', 'objective', 'Doubler les ventes au Québec en 2027');
const strategy = card('s1', 'strategy', 'Pénétrer le marché québécois avec notre nouveau produit');
const plan = completePlan('p1', 'Plan Québec 2027');
const tactic = card('t1', 'tactic', 'Tournée des distributeurs de Montréal');

describe('path rules', () => {
  it('[card/tactic-without-strategy] fires on a tactic with no path up to a strategy', () => {
    const alone = board([tactic]);
    const findings = findingsOf(alone, 'card/tactic-without-strategy');
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['t1', 'warning']]);
    expect(findings[0]!.message.fr).toContain('« Tournée des distributeurs de Montréal »');
    // A plan that serves nothing does not give the tactic a strategy.
    expect(
      targets(board([plan, tactic], [link('l1', 't1', 'p1')]), 'card/tactic-without-strategy'),
    ).toEqual(['t1']);
  });

  it('[card/tactic-without-strategy] stays quiet when the tactic climbs to a strategy, even through a same-lane link', () => {
    expect(findingsOf(wellFormedBoard(), 'card/tactic-without-strategy')).toEqual([]);
    const helper = card('t2', 'tactic', 'Fiche produit pour les distributeurs');
    const throughSameLane = board(
      [objective, strategy, plan, tactic, helper],
      [
        link('l1', 's1', 'o1'),
        link('l2', 'p1', 's1'),
        link('l3', 't1', 'p1'),
        link('l4', 't2', 't1'),
      ],
    );
    expect(targets(throughSameLane, 'card/tactic-without-strategy')).toEqual([]);
  });

  it('[card/tactic-without-strategy] a dangling or downward link is not a path', () => {
    const dangling = board([tactic], [link('l1', 't1', 'deleted-plan')]);
    expect(targets(dangling, 'card/tactic-without-strategy')).toEqual(['t1']);
    const downward = board([strategy, tactic], [link('l1', 's1', 't1')]);
    expect(targets(downward, 'card/tactic-without-strategy')).toEqual(['t1']);
  });

  it('[card/strategy-without-tactic] fires on a strategy with no tactic under it', () => {
    const noTactic = board(
      [objective, strategy, plan],
      [link('l1', 's1', 'o1'), link('l2', 'p1', 's1')],
    );
    const findings = findingsOf(noTactic, 'card/strategy-without-tactic');
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['s1', 'warning']]);
    expect(findings[0]!.message.en).toContain('slowest route to victory');
    expect(findings[0]!.message.en).toContain('Link it to a plan and to the tactics');
  });

  it('[card/strategy-without-tactic] stays quiet when a tactic serves it, directly or through a plan', () => {
    expect(findingsOf(wellFormedBoard(), 'card/strategy-without-tactic')).toEqual([]);
    const direct = board([strategy, tactic], [link('l1', 't1', 's1')]);
    expect(targets(direct, 'card/strategy-without-tactic')).toEqual([]);
  });

  it('[card/objective-without-strategy] fires when no strategy serves the objective', () => {
    const findings = findingsOf(board([objective]), 'card/objective-without-strategy');
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['o1', 'warning']]);
    // A tactic linked straight to it is not a strategy.
    const skipped = board([objective, tactic], [link('l1', 't1', 'o1')]);
    expect(targets(skipped, 'card/objective-without-strategy')).toEqual(['o1']);
  });

  it('[card/objective-without-strategy] stays quiet when a strategy serves it', () => {
    expect(findingsOf(wellFormedBoard(), 'card/objective-without-strategy')).toEqual([]);
  });
});

describe('plan rules', () => {
  it('[card/plan-without-kpi] fires on a plan card with a blank KPI', () => {
    const noKpi = board([{ ...plan, kpi: '  ' }]);
    const findings = findingsOf(noKpi, 'card/plan-without-kpi');
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['p1', 'warning']]);
    expect(findings[0]!.message.fr).toContain('Le plan « Plan Québec 2027 » n’a pas de KPI');
  });

  it('[card/plan-without-kpi] counts a placeholder KPI (« à définir », TBD, N/A, ?, -) as blank', () => {
    for (const kpi of ['à définir', 'À déterminer', 'TBD', 'tbc', 'N/A', '?', '-', '…']) {
      expect(findingsOf(board([{ ...plan, kpi }]), 'card/plan-without-kpi'), kpi).toHaveLength(1);
    }
    // A real KPI that mentions something still to settle is a KPI.
    expect(
      findingsOf(
        board([{ ...plan, kpi: 'Coût par client (cible à définir)' }]),
        'card/plan-without-kpi',
      ),
    ).toEqual([]);
  });

  it('[card/plan-without-kpi] stays quiet on a plan with a KPI, and on other lanes', () => {
    expect(findingsOf(board([plan]), 'card/plan-without-kpi')).toEqual([]);
    expect(findingsOf(board([tactic]), 'card/plan-without-kpi')).toEqual([]);
  });

  it('[card/plan-incomplete] fires on a plan missing its owner, due date or budget, and lists them', () => {
    const findings = findingsOf(
      board([{ ...plan, owner: '', budget: '' }]),
      'card/plan-incomplete',
    );
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['p1', 'info']]);
    expect(findings[0]!.message.fr).toContain(': responsable, budget.');
    expect(findings[0]!.message.en).toContain('is missing: owner, budget.');
  });

  it('[card/plan-incomplete] counts placeholders in owner, due date and budget as missing (not as an unreadable date)', () => {
    const findings = findingsOf(
      board([{ ...plan, owner: '?', dueDate: 'TBD', budget: 'à définir' }]),
      'card/plan-incomplete',
    );
    expect(findings[0]!.message.en).toContain('is missing: owner, due date, budget.');
    expect(
      findingsOf(board([{ ...plan, dueDate: 'à définir' }]), 'card/plan-invalid-date'),
    ).toEqual([]);
  });

  it('[card/plan-incomplete] stays quiet on a complete plan', () => {
    expect(findingsOf(board([plan]), 'card/plan-incomplete')).toEqual([]);
  });

  it('[card/plan-invalid-date] fires on a due date that is not a real YYYY-MM-DD day', () => {
    for (const dueDate of ['next week', '30/06/2027', '2027-02-30', '2027-13-01']) {
      const findings = findingsOf(board([{ ...plan, dueDate }]), 'card/plan-invalid-date');
      expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['p1', 'warning']]);
      expect(findings[0]!.message.en).toContain(`(“${dueDate}”)`);
    }
  });

  it('[card/plan-invalid-date] stays quiet on a valid or blank date', () => {
    expect(findingsOf(board([plan]), 'card/plan-invalid-date')).toEqual([]);
    expect(
      findingsOf(board([{ ...plan, dueDate: '2028-02-29' }]), 'card/plan-invalid-date'),
    ).toEqual([]);
    expect(findingsOf(board([{ ...plan, dueDate: '' }]), 'card/plan-invalid-date')).toEqual([]);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
  });
});

describe('focus rule', () => {
  const strategies = ['a', 'b', 'c', 'd'].map((letter) =>
    card(`s-${letter}`, 'strategy', `Stratégie ${letter} pour le marché ontarien`),
  );
  const links = strategies.map((strategyCard, i) => link(`l${i}`, strategyCard.id, 'o1'));

  it('[focus/too-many-strategies] fires when more strategies serve the objective than the focus limit', () => {
    const findings = findingsOf(
      board([objective, ...strategies], links, { focusLimit: 3 }),
      'focus/too-many-strategies',
    );
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['o1', 'info']]);
    expect(findings[0]!.message.fr).toContain(
      '4 stratégies servent l’objectif « Doubler les ventes',
    );
    expect(findings[0]!.message.en).toContain('(this board’s limit: 3)');
  });

  it('[focus/too-many-strategies] stays quiet at the limit, counts a strategy linked twice once, and is off for a limit below 1', () => {
    const atLimit = board([objective, ...strategies.slice(0, 3)], links.slice(0, 3), {
      focusLimit: 3,
    });
    expect(findingsOf(atLimit, 'focus/too-many-strategies')).toEqual([]);
    const twice = board(
      [objective, ...strategies.slice(0, 2)],
      [...links.slice(0, 2), link('dup', 's-a', 'o1')],
      { focusLimit: 2 },
    );
    expect(findingsOf(twice, 'focus/too-many-strategies')).toEqual([]);
    const off = board([objective, ...strategies], links, { focusLimit: 0 });
    expect(findingsOf(off, 'focus/too-many-strategies')).toEqual([]);
  });
});

describe('single-card rules', () => {
  it('read only the lanes `hasLocalRules` names (the validator skips the others)', () => {
    for (const lane of LANES) {
      // Vague as an objective, a tactic as a strategy (in both languages), a plan with no field.
      const worst = card('c1', lane, 'Faire plus de foires commerciales and more trade shows');
      for (const language of ['fr', 'en'] as const) {
        expect(localFindings(worst, language).length > 0, `${lane} ${language}`).toBe(
          hasLocalRules(LANE_LEVEL[lane]),
        );
      }
    }
  });
});
