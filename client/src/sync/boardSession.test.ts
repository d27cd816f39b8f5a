import { describe, expect, it } from 'vitest';
import { offlineSession } from '../test-support/offlineSession.ts';

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
});
