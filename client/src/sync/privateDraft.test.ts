import { cardsMap, linksMap, writeSession } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { offlineSession } from '../test-support/offlineSession.ts';
import { openDraftKey } from './privateDraft.ts';

const ROUND = { id: 'r_1', startedAt: 0, hideAuthors: false };

/** An offline session on a board where the server has started a private round. */
function inRound(role: 'editor' | 'viewer' = 'editor') {
  const setup = offlineSession(new Map(), 'Alice', { role });
  const { session } = setup;
  const boardCard = session.actions.addCard('strategy', undefined, { title: 'Win retailers' })!;
  writeSession(session.readModel.doc, { privateRound: ROUND });
  return { ...setup, boardCard };
}

describe('private writing round (client)', () => {
  it('[draft/private] new cards go to the private doc: drawn with the board, marked, out of the board', () => {
    const { session, saved, boardCard } = inRound();
    expect(session.facilitation.getState().draft).toMatchObject({ roundId: 'r_1', cards: 0 });
    expect(saved.get(openDraftKey('b1'))).toBe('r_1');
    const mine = session.actions.addCard('tactic', undefined, { title: 'Trade shows' })!;
    const { readModel } = session;
    expect(readModel.isDraft(mine)).toBe(true);
    expect(readModel.isDraft(boardCard)).toBe(false);
    expect(readModel.cardList().map((card) => card.id)).toContain(mine);
    expect(readModel.card(mine)?.title).toBe('Trade shows');
    // The board's doc, its snapshot (validator, report, export) know nothing of it.
    expect(cardsMap(readModel.doc).has(mine)).toBe(false);
    expect(readModel.snapshot().cards.map((card) => card.id)).toEqual([boardCard]);
    expect(session.facilitation.getState().draft.cards).toBe(1);
    // Edits and moves of a private card stay private; a board card is still edited on the board.
    session.actions.editCard(mine, { title: 'Trade shows 2027' });
    expect(readModel.card(mine)?.title).toBe('Trade shows 2027');
    session.actions.editCard(boardCard, { title: 'Win mid-size retailers' });
    expect(readModel.snapshot().cards[0]?.title).toBe('Win mid-size retailers');
    session.destroy();
  });

  it('[draft/link] a link from a private card to a board card lives in the private doc, oriented', () => {
    const { session, boardCard } = inRound();
    const mine = session.actions.addCard('tactic')!;
    const link = session.actions.link(boardCard, mine);
    expect(link).toMatchObject({ ok: true, from: mine, to: boardCard });
    if (!link.ok) throw new Error('refused');
    expect(linksMap(session.readModel.doc).has(link.id)).toBe(false);
    expect(session.readModel.linkList().map((entry) => entry.id)).toEqual([link.id]);
    session.actions.unlink([link.id]);
    expect(session.readModel.linkList()).toHaveLength(0);
    session.destroy();
  });

  it('[draft/undo] one undo history over both docs, latest step first', () => {
    const { session, boardCard } = inRound();
    session.actions.moveCard(boardCard, { x: 1500, y: 800 });
    const moved = session.readModel.card(boardCard)!.position;
    const mine = session.actions.addCard('tactic')!;
    expect(session.history.canUndo()).toBe(true);
    session.history.undo();
    expect(session.readModel.hasCard(mine)).toBe(false);
    expect(session.readModel.card(boardCard)!.position).toEqual(moved);
    session.history.undo();
    expect(session.readModel.card(boardCard)!.position).not.toEqual(moved);
    session.history.redo();
    expect(session.readModel.card(boardCard)!.position).toEqual(moved);
    session.history.redo();
    expect(session.readModel.hasCard(mine)).toBe(true);
    session.destroy();
  });

  it('[draft/viewer] a viewer opens no private doc', () => {
    const { session } = inRound('viewer');
    expect(session.facilitation.getState().draft.roundId).toBeNull();
    session.destroy();
  });

  it('[draft/reload] a reload during the round opens the same round’s draft again', () => {
    const first = inRound();
    first.session.destroy();
    const again = offlineSession(first.saved, 'Alice');
    // Offline, before any sync: the device remembers the round.
    expect(again.session.facilitation.getState().draft.roundId).toBe('r_1');
    again.session.destroy();
  });
});

describe('private drafts published (shared publishPrivateCards through the draft)', () => {
  it('[draft/leftovers] cards not on the board are leftovers; publishing them is one undoable step', () => {
    const { session } = inRound();
    const mine = session.actions.addCard('tactic', undefined, { title: 'Webinars' })!;
    // The server ended the round while this device was offline: nothing was published.
    writeSession(session.readModel.doc, { privateRound: null });
    // Offline, the end is not trusted yet (only a synced board ends a draft): still drawn.
    expect(session.readModel.isDraft(mine)).toBe(true);
    const counts = session.settleLeftovers(true);
    expect(counts).toEqual({ cards: 1, links: 0, keptCards: 0 });
    expect(cardsMap(session.readModel.doc).has(mine)).toBe(true);
    expect(session.readModel.isDraft(mine)).toBe(false);
    expect(session.facilitation.getState().draft.roundId).toBeNull();
    session.history.undo();
    expect(cardsMap(session.readModel.doc).has(mine)).toBe(false);
    session.destroy();
  });

  it('[draft/leftovers-room] leftovers are added only as far as the board has room; the rest stay leftovers', () => {
    const limit = 6_000;
    const { session } = offlineSession(new Map(), 'Alice', { boardBytesLimit: limit });
    for (let i = 0; session.getState().boardBytes.size < limit - 1_800; i++) {
      session.actions.addCard('strategy', undefined, {
        title: `Board card ${i} ${'x'.repeat(60)}`,
      });
    }
    writeSession(session.readModel.doc, { privateRound: ROUND });
    for (let i = 0; i < 4; i++) {
      session.actions.addCard('tactic', undefined, { title: `Private ${i} ${'y'.repeat(300)}` });
    }
    writeSession(session.readModel.doc, { privateRound: null });
    const counts = session.settleLeftovers(true);
    expect(counts.cards).toBeGreaterThan(0);
    expect(counts.keptCards).toBeGreaterThan(0);
    expect(counts.cards + counts.keptCards).toBe(4);
    expect(Y.encodeStateAsUpdate(session.readModel.doc).byteLength).toBeLessThanOrEqual(limit);
    // What did not fit is still there to decide about.
    expect(session.facilitation.getState().draft.roundId).toBe('r_1');
    expect(
      session.readModel.cardList().filter((card) => session.readModel.isDraft(card.id)),
    ).toHaveLength(counts.keptCards);
    session.settleLeftovers(false);
    expect(session.facilitation.getState().draft.roundId).toBeNull();
    session.destroy();
  });
});
