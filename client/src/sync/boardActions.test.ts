import { cardsMap, initBoard, linksMap, readBoard } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardActions } from './boardActions.ts';
import type { FrameScheduler } from './frameThrottle.ts';

function setup() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Test', language: 'en' });
  const origin = { source: 'local' };
  const undoManager = new Y.UndoManager([cardsMap(doc), linksMap(doc)], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 500,
  });
  let pending: (() => void) | null = null;
  const frames: FrameScheduler = {
    request(callback) {
      pending = callback;
      return 1;
    },
    cancel() {
      pending = null;
    },
  };
  const frame = () => {
    const callback = pending;
    pending = null;
    callback?.();
  };
  const actions = createBoardActions(doc, origin, undoManager, () => 'Alice', frames);
  return { doc, undoManager, actions, frame };
}

describe('board actions', () => {
  it('[drag/undo] one drag is one undo step, however many frames it synced', () => {
    const { doc, undoManager, actions, frame } = setup();
    const id = actions.addCard('tactic', { x: 1500, y: 1700 });
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
    const id = actions.addCard('tactic', { x: 1500, y: 1700 });
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

  it('[drag/pause] a long pause mid-drag does not split the undo step', () => {
    const { doc, undoManager, actions, frame } = setup();
    const id = actions.addCard('tactic', { x: 1500, y: 1700 });
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
    const mine = actions.addCard('strategy', undefined, { title: 'Mine' });
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
    const strategy = actions.addCard('strategy');
    const tactic = actions.addCard('tactic');
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
    const a = actions.addCard('strategy', undefined, { title: 'Retail' });
    const b = actions.addCard('tactic', undefined, { title: 'Trade show' });
    actions.link(a, b);
    const json = actions.exportJson();
    const other = setup();
    other.actions.importJson(json);
    expect(readBoard(other.doc)).toEqual(readBoard(doc));
  });
});
