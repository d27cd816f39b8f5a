import { BOARD_FILE_FORMAT, BOARD_FILE_VERSION, LIMITS } from '@fire-triangle/shared';
import { card } from '@fire-triangle/shared/test-support';
import { describe, expect, it } from 'vitest';
import { offlineSession } from '../test-support/offlineSession.ts';
import type { SessionNotice } from './serverNotices.ts';

describe('BoardSession', () => {
  it('[session/offline] edits offline reach the read model and are counted as unsynced', () => {
    const { session, saved } = offlineSession();
    expect(session.getState().status.phase).toBe('offline');
    const states: unknown[] = [];
    session.subscribe(() => states.push(session.getState()));
    const id = session.actions.addCard('tactic', undefined, { title: 'Trade show' })!;
    expect(session.readModel.card(id)?.title).toBe('Trade show');
    expect(session.readModel.card(id)?.author).toBe('Alice');
    expect(session.getState().status.unsyncedEdits).toBe(1);
    expect(saved.get('ft-unsynced:b1')).toBe('1');
    // A new state object per change, the same object otherwise.
    expect(states).toHaveLength(1);
    expect(session.getState()).toBe(states[0]);
    session.destroy();
  });

  it('[session/history] undo reverts this user’s edit; the history says what is possible', () => {
    const { session } = offlineSession();
    let changes = 0;
    session.history.subscribe(() => changes++);
    expect(session.history.canUndo()).toBe(false);
    session.actions.addCard('strategy');
    expect(session.history.canUndo()).toBe(true);
    session.history.undo();
    expect(session.readModel.cardList()).toHaveLength(0);
    expect(session.history.canRedo()).toBe(true);
    expect(changes).toBeGreaterThan(0);
    session.destroy();
  });

  it('[session/author] a new name is the author of the next cards, without a new session', () => {
    const { session } = offlineSession();
    session.setAuthor('Bea');
    const id = session.actions.addCard('plan')!;
    expect(session.readModel.card(id)?.author).toBe('Bea');
    expect(session.readModel.snapshot()).toEqual(
      expect.objectContaining({ cards: [expect.objectContaining({ id, author: 'Bea' })] }),
    );
    session.destroy();
  });

  it('[session/destroy] destroy lets go of the browser and is idempotent', () => {
    const { session, network } = offlineSession();
    expect(network()).not.toBeNull();
    session.destroy();
    session.destroy();
    expect(network()).toBeNull();
  });

  it('[session/restore] the unsynced count survives a reload of the page', () => {
    const first = offlineSession();
    first.session.actions.addCard('tactic');
    first.session.actions.addCard('tactic');
    first.session.destroy();
    const second = offlineSession(first.saved);
    expect(second.session.getState().status.unsyncedEdits).toBe(2);
    second.session.destroy();
  });

  it('[session/unsynced-operations] the unsynced count is the user’s operations: a typed title is one edit, not one per letter', () => {
    const { session } = offlineSession();
    const id = session.actions.addCard('strategy')!;
    const title = 'Win mid-size retailers';
    for (let i = 1; i <= title.length; i++)
      session.actions.editCard(id, { title: title.slice(0, i) });
    session.actions.beginDrag();
    session.actions.endDrag(new Map([[id, { x: 1420, y: 700 }]]));
    // Added, typed, dragged: three edits (the walkthrough saw "70 unsynced edits" for three).
    expect(session.getState().status.unsyncedEdits).toBe(3);
    session.history.undo();
    expect(session.getState().status.unsyncedEdits).toBe(4);
    session.destroy();
  });

  it('[limit/cards] a card past LIMITS.cards is refused with a notice; deleting one makes room', () => {
    const { session } = offlineSession();
    const notices: SessionNotice[] = [];
    session.onNotice((notice) => notices.push(notice));
    session.actions.importBoardFile({
      format: BOARD_FILE_FORMAT,
      version: BOARD_FILE_VERSION,
      meta: { title: 'Full', language: 'en', focusLimit: 3 },
      cards: Array.from({ length: LIMITS.cards }, (_, i) =>
        card(`c${i}`, 'tactic', '', { position: { x: 1500, y: 1700 } }),
      ),
      links: [],
    });
    expect(session.actions.addCard('tactic')).toBeNull();
    expect(notices).toEqual([{ kind: 'limit', limit: 'cards' }]);
    session.actions.deleteCards(['c0']);
    expect(session.actions.addCard('tactic')).not.toBeNull();
    session.destroy();
  }, 30_000);

  it('[limit/board-bytes] a board grown to its size limit (offline too) stops growing and says so; deleting lifts it', () => {
    const { session } = offlineSession(new Map(), 'Alice', { boardBytesLimit: 20_000 });
    const notices: SessionNotice[] = [];
    session.onNotice((notice) => notices.push(notice));
    const ids: string[] = [];
    for (let i = 0; i < 200 && !session.getState().boardBytes.full; i++) {
      const id = session.actions.addCard('tactic', undefined, {
        title: `Card ${i} ${'x'.repeat(80)}`,
      });
      if (id) ids.push(id);
    }
    const state = session.getState().boardBytes;
    expect(state.full).toBe(true);
    expect(state.size).toBeGreaterThanOrEqual(20_000);
    // Nothing that adds to the board is written any more, and the person is told.
    const cards = session.readModel.cardList().length;
    expect(session.actions.addCard('tactic')).toBeNull();
    expect(session.actions.link(ids[0]!, ids[1]!)).toEqual({ ok: false, reason: 'limit' });
    const longer = `${session.readModel.card(ids[0]!)!.title} and more`;
    expect(session.actions.editCard(ids[0]!, { title: longer })).toBe(false);
    expect(session.readModel.cardList()).toHaveLength(cards);
    expect(
      notices.every((notice) => notice.kind === 'limit' && notice.limit === 'boardBytes'),
    ).toBe(true);
    expect(notices.length).toBe(3);
    // Shortening and deleting are still allowed; once measured below the limit, growth resumes.
    expect(session.actions.editCard(ids[0]!, { title: 'short' })).toBe(true);
    session.actions.deleteCards(ids.slice(0, Math.ceil(ids.length / 2)));
    session.remeasureBoard();
    expect(session.getState().boardBytes.full).toBe(false);
    session.destroy();
  });
});
