import {
  addCard,
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
import { DeviceMirror } from './deviceMirror.ts';

/** What y-indexeddb would write: every update event of the copy (the storage's own excepted). */
function recordWrites(mirror: DeviceMirror) {
  const writes: Uint8Array[] = [];
  mirror.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'storage') writes.push(update);
  });
  return writes;
}

describe('DeviceMirror', () => {
  it('[device/follow] the copy follows every live update; what storage loads reaches the live doc', () => {
    const live = new Y.Doc();
    initBoard(live, { title: 'Live', language: 'en' });
    const mirror = new DeviceMirror(live);
    expect(readBoard(mirror.doc)).toEqual(readBoard(live));
    addCard(live, { lane: 'tactic', title: 'Trade show' });
    expect(readBoard(mirror.doc)).toEqual(readBoard(live));

    // An edit made offline in an earlier visit, loaded by the storage into the copy.
    const earlier = new Y.Doc();
    Y.applyUpdate(earlier, Y.encodeStateAsUpdate(live));
    addCard(earlier, { lane: 'plan', title: 'Partner plan' });
    const liveOrigins: unknown[] = [];
    live.on('update', (_update: Uint8Array, origin: unknown) => liveOrigins.push(origin));
    Y.applyUpdate(mirror.doc, Y.encodeStateAsUpdate(earlier), 'storage');
    expect(readBoard(live)).toEqual(readBoard(earlier));
    // Tagged with the mirror: not this user's edit (no undo step, no unsynced count).
    expect(liveOrigins).toEqual([mirror]);
    mirror.destroy();
  });

  it('[device/drag] a drag reaches the copy as one small write on drop, however many frames', () => {
    const live = new Y.Doc();
    applyTemplate(live, TEMPLATES[0]!.id);
    const mirror = new DeviceMirror(live);
    const writes = recordWrites(mirror);
    const origin = { source: 'local' };
    const undoManager = new Y.UndoManager([cardsMap(live), linksMap(live)], {
      trackedOrigins: new Set([origin]),
    });
    const { scheduler, frame } = manualFrames();
    const actions = createBoardActions(live, origin, undoManager, () => 'Alice', scheduler, {
      onDragStart: () => mirror.hold(),
      onDragEnd: () => mirror.release(),
    });
    const card = readBoard(live).cards.find((candidate) => candidate.lane === 'tactic')!;
    const before = Y.encodeStateAsUpdate(mirror.doc).length;

    actions.beginDrag();
    for (let step = 1; step <= 120; step++) {
      actions.dragTo(card.id, { x: card.position.x - step * 1.7, y: card.position.y - step });
      frame();
    }
    expect(writes).toHaveLength(0);
    actions.endDrag(new Map([[card.id, { x: card.position.x - 204, y: card.position.y - 120 }]]));

    expect(writes).toHaveLength(1);
    // The copy has no UndoManager: what the drag overwrote is garbage-collected there (the live
    // doc would hand y-indexeddb ~25 bytes per frame). A card's first drag: ≤ 60 bytes.
    expect(writes[0]!.length).toBeLessThanOrEqual(120);
    expect(Y.encodeStateAsUpdate(mirror.doc).length - before).toBeLessThanOrEqual(60);
    expect(readBoard(mirror.doc)).toEqual(readBoard(live));
    mirror.destroy();
  });

  it('[device/destroy] a drag cut short by the end of the session still reaches the copy', () => {
    const live = new Y.Doc();
    initBoard(live);
    const mirror = new DeviceMirror(live);
    const id = addCard(live, { lane: 'tactic' });
    mirror.hold();
    cardsMap(live).get(id)!.set('position', { x: 1500, y: 1600 });
    const copy = mirror.doc;
    let written = false;
    copy.on('update', () => {
      written = true;
    });
    mirror.destroy();
    expect(written).toBe(true);
  });
});
