import {
  applyTemplate,
  cardsMap,
  initBoard,
  linksMap,
  readBoard,
  TEMPLATES,
} from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { manualFrames } from '../test-support/manualFrames.ts';
import { createBoardActions } from './boardActions.ts';
import { BoardReadModel } from './boardReadModel.ts';

function setup(template?: string) {
  const doc = new Y.Doc();
  if (template) applyTemplate(doc, template);
  else initBoard(doc, { title: 'Test', language: 'en' });
  const origin = { source: 'local' };
  const undoManager = new Y.UndoManager([cardsMap(doc), linksMap(doc)], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 500,
  });
  const { scheduler, frame } = manualFrames();
  const actions = createBoardActions(doc, origin, undoManager, () => 'Alice', scheduler);
  return { doc, undoManager, actions, frame };
}

describe('board actions', () => {
  it('[drag/undo] one drag is one undo step, however many frames it synced', () => {
    const { doc, undoManager, actions, frame } = setup();
    const id = actions.addCard('tactic', { x: 1500, y: 1700 })!;
    const start = readBoard(doc).cards[0]!;
    actions.beginDrag();
    for (let step = 1; step <= 30; step++) {
      actions.dragTo(id, { x: 1500, y: 1700 - step * 33 });
      frame();
    }
    actions.endDrag(new Map([[id, { x: 1500, y: 700 }]]));
    expect(readBoard(doc).cards[0]!.lane).toBe('strategy');
    undoManager.undo();
    const back = readBoard(doc).cards[0]!;
    expect(back.lane).toBe('tactic');
    expect(back.position).toEqual(start.position);
    // The card creation is a separate, earlier step.
    expect(readBoard(doc).cards).toHaveLength(1);
  });

  it('[drag/live] positions sync during the drag without re-levelling; the drop re-levels', () => {
    const { doc, actions, frame } = setup();
    const id = actions.addCard('tactic', { x: 1500, y: 1700 })!;
    actions.beginDrag();
    actions.dragTo(id, { x: 1500, y: 700 });
    expect(readBoard(doc).cards[0]!.position.y).not.toBe(700);
    frame();
    const during = readBoard(doc).cards[0]!;
    expect(during.position.y).toBe(700);
    expect(during.lane).toBe('tactic');
    actions.endDrag(new Map([[id, { x: 1500, y: 700 }]]));
    expect(readBoard(doc).cards[0]!.lane).toBe('strategy');
  });

  it('[drag/growth] a drag adds at most 40 bytes to the board’s state, whatever its length', () => {
    const { doc, undoManager, actions, frame } = setup(TEMPLATES[0]!.id);
    // The server's copy (and every other participant's): it receives each update as sent.
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(server, update));
    const [first, second] = readBoard(doc).cards.filter((card) => card.lane === 'tactic');
    const stateSize = () => Y.encodeStateAsUpdate(server).length;
    const undoSteps = undoManager.undoStack.length;
    let drags = 0;
    /** Bytes one drag of `frames` frames adds to the server's encoded state. */
    const drag = (card: typeof first, frames: number) => {
      const before = stateSize();
      actions.beginDrag();
      for (let step = 1; step <= frames; step++) {
        // Fractional, as pointer positions divided by a zoom are.
        actions.dragTo(card!.id, {
          x: card!.position.x + step * 0.73,
          y: card!.position.y - step * 0.41,
        });
        frame();
      }
      // Every other drop changes lane, so lane and updatedAt are really rewritten.
      const drop = drags % 2 === 0 ? { x: 1500, y: 1200 } : { x: 1450 + drags, y: 1700 };
      actions.endDrag(new Map([[card!.id, drop]]));
      drags++;
      return stateSize() - before;
    };
    // A card's first drag deletes three values written when it was created, at three scattered
    // clocks: three more delete-set ranges, once per card.
    expect(drag(first, 60)).toBeLessThanOrEqual(60);
    expect(drag(second, 60)).toBeLessThanOrEqual(60);
    const added = [1, 10, 60, 600, 60, 10, 1].map((frames, index) =>
      drag(index % 2 === 0 ? first : second, frames),
    );
    for (const bytes of added) expect(bytes).toBeLessThanOrEqual(40);
    // Independent of the drag's length: the overwritten positions merge into one deleted run.
    expect(Math.max(...added) - Math.min(...added)).toBeLessThanOrEqual(3);
    expect(readBoard(server)).toEqual(readBoard(doc));
    // Still one undo step per drag.
    expect(undoManager.undoStack.length - undoSteps).toBe(drags);
  });

  it('[drag/selection-growth] a selection drag adds at most 40 bytes per card to the board’s state, whatever its length, and is one undo step', () => {
    const { doc, undoManager, actions, frame } = setup(TEMPLATES[0]!.id);
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(server, update));
    const tactics = readBoard(doc).cards.filter((card) => card.lane === 'tactic');
    const selection = tactics.slice(0, 4);
    const stateSize = () => Y.encodeStateAsUpdate(server).length;
    const undoSteps = undoManager.undoStack.length;
    let drags = 0;
    const dragSelection = (frames: number) => {
      const before = stateSize();
      const now = new Map(readBoard(doc).cards.map((card) => [card.id, card.position]));
      actions.beginDrag(selection.map((card) => card.id));
      const at = (step: number) =>
        new Map(
          selection.map((card) => {
            const start = now.get(card.id)!;
            return [card.id, { x: start.x + step * 0.73, y: start.y - step * 0.41 }] as const;
          }),
        );
      for (let step = 1; step <= frames; step++) {
        // React Flow reports every card of the selection each frame.
        for (const [id, position] of at(step)) actions.dragTo(id, position);
        frame();
      }
      actions.endDrag(at(frames));
      drags++;
      return (stateSize() - before) / selection.length;
    };
    // Each card's first move deletes values written when it was created (scattered clocks).
    dragSelection(60);
    const perCard = [1, 10, 60, 600, 60].map(dragSelection);
    for (const bytes of perCard) expect(bytes).toBeLessThanOrEqual(40);
    expect(Math.max(...perCard) - Math.min(...perCard)).toBeLessThanOrEqual(3);
    expect(readBoard(server)).toEqual(readBoard(doc));
    expect(undoManager.undoStack.length - undoSteps).toBe(drags);
    // One undo puts the whole selection back where the last drag found it.
    const before = readBoard(doc).cards;
    undoManager.undo();
    for (const card of selection) {
      const back = readBoard(doc).cards.find((found) => found.id === card.id)!;
      const moved = before.find((found) => found.id === card.id)!;
      expect(back.position.x).toBeLessThan(moved.position.x);
    }
  });

  it('[drag/selection-live] peers see a selection drag move live, and the drop land, without ever drawing both', () => {
    const { doc, actions, frame } = setup();
    const a = actions.addCard('tactic', { x: 1300, y: 1700 })!;
    const b = actions.addCard('tactic', { x: 1600, y: 1700 })!;
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(peer, update));
    const model = new BoardReadModel(peer);
    actions.beginDrag([a, b]);
    actions.dragTo(a, { x: 1300, y: 1200 });
    actions.dragTo(b, { x: 1600, y: 1200 });
    frame();
    expect(model.card(a)?.position.y).toBe(1200);
    expect(model.card(b)?.position.y).toBe(1200);
    expect(model.isDragged(a)).toBe(true);
    // Positions, lanes and the validator's view are unchanged until the drop.
    expect(readBoard(peer).cards.map((card) => card.lane)).toEqual(['tactic', 'tactic']);
    let drawnTwice = false;
    model.subscribe(() => {
      if ((model.card(a)?.position.y ?? 0) < 1000) drawnTwice = true;
    });
    actions.endDrag(
      new Map([
        [a, { x: 1300, y: 1200 }],
        [b, { x: 1600, y: 1200 }],
      ]),
    );
    expect(drawnTwice).toBe(false);
    expect(model.isDragged(a)).toBe(false);
    expect(model.card(a)?.position.y).toBe(1200);
    expect(model.card(a)?.lane).toBe('plan');
    // A dragger who left mid-drag is not drawn: their cards stay where they are stored.
    actions.beginDrag([a, b]);
    actions.dragTo(a, { x: 1300, y: 700 });
    frame();
    expect(model.card(a)?.position.y).toBe(700);
    model.setPresence(() => false);
    expect(model.card(a)?.position.y).toBe(1200);
    model.destroy();
  });

  it('[paste/actions] pasted cards are new cards with their links, one undo step', () => {
    const { doc, undoManager, actions } = setup();
    const plan = actions.addCard('plan', { x: 1450, y: 1200 }, { title: 'Plan', kpi: 'Leads' })!;
    const tactic = actions.addCard('tactic', { x: 1450, y: 1700 }, { title: 'Show' })!;
    actions.link(tactic, plan);
    const board = readBoard(doc);
    const ids = actions.pasteCards({ cards: board.cards, links: board.links }, { x: 24, y: 24 });
    expect(ids).toHaveLength(2);
    expect(readBoard(doc).cards).toHaveLength(4);
    expect(readBoard(doc).links).toHaveLength(2);
    const pasted = readBoard(doc).cards.find((card) => card.id === ids[0]);
    expect(pasted?.author).toBe('Alice');
    undoManager.undo();
    expect(readBoard(doc).cards).toHaveLength(2);
    expect(readBoard(doc).links).toHaveLength(1);
  });

  it('[drag/pause] a long pause mid-drag does not split the undo step', () => {
    const { doc, undoManager, actions, frame } = setup();
    const id = actions.addCard('tactic', { x: 1500, y: 1700 })!;
    actions.beginDrag();
    actions.dragTo(id, { x: 1400, y: 1650 });
    frame();
    undoManager.lastChange -= 10_000; // as if the user held still for ten seconds
    actions.dragTo(id, { x: 1300, y: 1600 });
    frame();
    actions.endDrag(new Map([[id, { x: 1300, y: 1600 }]]));
    undoManager.undo();
    expect(readBoard(doc).cards).toHaveLength(1);
    expect(undoManager.undoStack).toHaveLength(1);
  });

  it('[undo/own] undo reverts only this user’s edits, never a remote one', () => {
    const { doc, undoManager, actions } = setup();
    const mine = actions.addCard('strategy', undefined, { title: 'Mine' })!;
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const remoteActions = createBoardActions(
      remote,
      { source: 'remote' },
      { stopCapturing() {}, captureTimeout: 500 },
      () => 'Bob',
    );
    const theirs = remoteActions.addCard('tactic', undefined, { title: 'Theirs' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), remote);
    undoManager.undo();
    const ids = readBoard(doc).cards.map((card) => card.id);
    expect(ids).toContain(theirs);
    expect(ids).not.toContain(mine);
  });

  it('[link/orient] a link drawn from the upper card is stored from the lower one', () => {
    const { actions, doc } = setup();
    const strategy = actions.addCard('strategy')!;
    const tactic = actions.addCard('tactic')!;
    const result = actions.link(strategy, tactic);
    expect(result).toMatchObject({ ok: true, from: tactic, to: strategy });
    expect(actions.link(tactic, strategy)).toEqual({ ok: false, reason: 'duplicate' });
    expect(readBoard(doc).links).toHaveLength(1);
  });

  it('[import/refuse] a bad file throws with the field and changes nothing', () => {
    const { actions, doc } = setup();
    actions.addCard('tactic', undefined, { title: 'Keep me' });
    const before = readBoard(doc);
    expect(() =>
      actions.importJson('{"format":"fire-triangle/board","version":1,"cards":[{'),
    ).toThrow();
    expect(readBoard(doc)).toEqual(before);
  });

  it('[export/round-trip] exportJson then importJson gives the same board', () => {
    const { actions, doc } = setup();
    const a = actions.addCard('strategy', undefined, { title: 'Retail' })!;
    const b = actions.addCard('tactic', undefined, { title: 'Trade show' })!;
    actions.link(a, b);
    const json = actions.exportJson();
    const other = setup();
    other.actions.importJson(json);
    expect(readBoard(other.doc)).toEqual(readBoard(doc));
  });
});
