import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type CardSnapshot, isValidDueDate } from '../board/card.ts';
import { cardsMap } from '../board/doc.ts';
import { addCard, initBoard } from '../board/operations.ts';
import { exportBoard, snapshotOfFile, validateBoardFile } from '../format/board-file.ts';
import { CARD_SIZE, isInsideTriangle, laneOfCardAt } from '../geometry/triangle.ts';
import { alignmentScore, validateBoard } from '../validator/index.ts';
import { applyTemplate, findTemplate, TEMPLATES } from './index.ts';

function overlap(a: CardSnapshot, b: CardSnapshot): boolean {
  return (
    a.position.x < b.position.x + CARD_SIZE.width &&
    b.position.x < a.position.x + CARD_SIZE.width &&
    a.position.y < b.position.y + CARD_SIZE.height &&
    b.position.y < a.position.y + CARD_SIZE.height
  );
}

describe('templates', () => {
  it('[templates/ids] the three seed 001 examples in French and English, with stable ids', () => {
    expect(TEMPLATES.map((template) => template.id)).toEqual([
      'seed-001-rebrand-fr',
      'seed-001-growth-fr',
      'seed-001-launch-fr',
      'seed-001-rebrand-en',
      'seed-001-growth-en',
      'seed-001-launch-en',
    ]);
    for (const template of TEMPLATES) {
      expect(findTemplate(template.id)).toBe(template);
      expect(template.file.meta.language).toBe(template.language);
      expect(template.file.meta.title).toBe(template.title);
      expect(template.description.length).toBeGreaterThan(40);
    }
    expect(findTemplate('seed-001-rebrand-de')).toBeUndefined();
  });

  it('[templates/valid] every template is a valid board file already in its normalised form', () => {
    for (const template of TEMPLATES) {
      expect(validateBoardFile(template.file), template.id).toEqual(template.file);
    }
  });

  it('[templates/clean] every template validates with no error, no warning and no info', () => {
    for (const template of TEMPLATES) {
      const board = snapshotOfFile(template.file);
      expect(
        validateBoard(board).map((finding) => `${finding.rule} ${finding.target.id}`),
        template.id,
      ).toEqual([]);
      expect(alignmentScore(board).overall, template.id).toBe(1);
    }
  });

  it('[templates/clean] …and the validator is really looking: seed 000’s trade-show strategy is flagged', () => {
    const board = snapshotOfFile(findTemplate('seed-001-growth-fr')!.file);
    const strategy = board.cards.find((card) => card.lane === 'strategy')!;
    strategy.title =
      "Notre stratégie pour l'année prochaine sera de faire plus de foires commerciales";
    expect(validateBoard(board).map((finding) => finding.rule)).toContain(
      'text/tactic-as-strategy',
    );
  });

  it('[templates/content] one objective, strategy and plan, tactics under the plan; objectives dated and measured; plans complete', () => {
    for (const template of TEMPLATES) {
      const { cards, links } = template.file;
      const byLane = (lane: string) => cards.filter((card) => card.lane === lane);
      const [objective] = byLane('objective');
      const [strategy] = byLane('strategy');
      const [plan] = byLane('plan');
      expect(byLane('objective'), template.id).toHaveLength(1);
      expect(byLane('strategy'), template.id).toHaveLength(1);
      expect(byLane('plan'), template.id).toHaveLength(1);
      expect(byLane('tactic').length, template.id).toBeGreaterThanOrEqual(5);
      // Specific, measurable, dated: a figure and a year in the objective itself.
      expect(objective!.title, template.id).toMatch(/\d/);
      expect(objective!.title, template.id).toMatch(/\b20\d\d\b/);
      expect(plan!.kpi && plan!.owner && plan!.budget, template.id).toBeTruthy();
      expect(isValidDueDate(plan!.dueDate) && plan!.dueDate !== '', template.id).toBe(true);
      const served = (from: CardSnapshot, to: CardSnapshot) =>
        links.some((link) => link.from === from.id && link.to === to.id);
      expect(served(strategy!, objective!), template.id).toBe(true);
      expect(served(plan!, strategy!), template.id).toBe(true);
      for (const tactic of byLane('tactic')) expect(served(tactic, plan!), tactic.id).toBe(true);
      expect(links).toHaveLength(cards.length - 1);
    }
  });

  it('[templates/content] the French and English boards of one example have the same cards and links', () => {
    for (const key of ['rebrand', 'growth', 'launch']) {
      const fr = findTemplate(`seed-001-${key}-fr`)!.file;
      const en = findTemplate(`seed-001-${key}-en`)!.file;
      expect(fr.cards.map((card) => [card.id, card.lane, card.position])).toEqual(
        en.cards.map((card) => [card.id, card.lane, card.position]),
      );
      expect(fr.links).toEqual(en.links);
      expect(fr.cards.map((card) => card.title)).not.toEqual(en.cards.map((card) => card.title));
    }
  });

  it('[templates/layout] every card sits inside the triangle, in its own lane, overlapping no other', () => {
    for (const template of TEMPLATES) {
      const { cards } = template.file;
      for (const card of cards) {
        expect(laneOfCardAt(card.position), card.id).toBe(card.lane);
        const { x, y } = card.position;
        for (const corner of [
          { x, y },
          { x: x + CARD_SIZE.width, y },
          { x, y: y + CARD_SIZE.height },
          { x: x + CARD_SIZE.width, y: y + CARD_SIZE.height },
        ]) {
          expect(isInsideTriangle(corner), card.id).toBe(true);
        }
      }
      for (const [index, card] of cards.entries()) {
        for (const other of cards.slice(index + 1)) {
          expect(overlap(card, other), `${template.id}: ${card.id} / ${other.id}`).toBe(false);
        }
      }
    }
  });

  it('[templates/apply] applyTemplate replaces the board in one transaction; an unknown id changes nothing', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Workshop', language: 'fr' });
    addCard(doc, { id: 'c-old', lane: 'tactic' });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(applyTemplate(doc, 'nope')).toBe(false);
    expect(transactions).toBe(0);
    expect(cardsMap(doc).has('c-old')).toBe(true);
    expect(applyTemplate(doc, 'seed-001-launch-en', 'template')).toBe(true);
    expect(transactions).toBe(1);
    expect(exportBoard(doc)).toEqual(findTemplate('seed-001-launch-en')!.file);
  });
});
