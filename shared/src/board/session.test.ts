import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardsMap, linksMap, readBoard, sessionMap } from './doc.ts';
import { addCard, linkCards } from './operations.ts';
import {
  clearPrivateDraft,
  linkPrivateCard,
  publishPrivateCards,
  readPrivateDraft,
} from './private-round.ts';
import {
  isCardInVote,
  isLaneLocked,
  isVoteOpen,
  NO_LOCKS,
  readSession,
  SESSION_KEYS,
  STOPPED_TIMER,
  sortVoteResults,
  stageLocks,
  timerPhase,
  timerRemainingMs,
  type VoteState,
  writeSession,
} from './session.ts';

describe('facilitation state in the doc', () => {
  it('[S-FAC-1] an empty session reads as defaults; what the server writes reads back; null deletes', () => {
    const doc = new Y.Doc();
    expect(readSession(doc)).toEqual({
      timer: STOPPED_TIMER,
      locks: NO_LOCKS,
      stage: null,
      vote: null,
      privateRound: null,
    });
    writeSession(doc, {
      timer: { state: 'running', durationMs: 60_000, endsAt: 1_000_060_000, remainingMs: null },
      locks: { board: false, lanes: ['plan', 'objective'] },
      stage: 'strategy',
      privateRound: { id: 'r_1', startedAt: 5, hideAuthors: true },
    });
    const session = readSession(doc);
    expect(session.timer.state).toBe('running');
    // Lanes read back in triangle order.
    expect(session.locks.lanes).toEqual(['objective', 'plan']);
    expect(session.stage).toBe('strategy');
    expect(session.privateRound).toEqual({ id: 'r_1', startedAt: 5, hideAuthors: true });
    writeSession(doc, { stage: null, privateRound: null });
    expect(sessionMap(doc).has(SESSION_KEYS.stage)).toBe(false);
    expect(readSession(doc).privateRound).toBeNull();
    // Garbage reads as the default instead of throwing.
    sessionMap(doc).set(SESSION_KEYS.timer, 'soon');
    sessionMap(doc).set(SESSION_KEYS.vote, { id: 3 });
    expect(readSession(doc).timer).toEqual(STOPPED_TIMER);
    expect(readSession(doc).vote).toBeNull();
  });

  it('[S-FAC-TIMER-1] a running timer past its end reads as finished; remaining time never goes below 0', () => {
    const running = {
      state: 'running',
      durationMs: 60_000,
      endsAt: 10_000,
      remainingMs: null,
    } as const;
    expect(timerPhase(running, 9_999)).toBe('running');
    expect(timerRemainingMs(running, 4_000)).toBe(6_000);
    expect(timerPhase(running, 10_000)).toBe('finished');
    expect(timerRemainingMs(running, 12_000)).toBe(0);
    expect(
      timerRemainingMs(
        { state: 'paused', durationMs: 60_000, endsAt: null, remainingMs: 7_000 },
        0,
      ),
    ).toBe(7_000);
    expect(timerRemainingMs({ ...STOPPED_TIMER, durationMs: 30_000 }, 0)).toBe(30_000);
  });

  it('[S-FAC-LOCK-1] locks: a lane, the whole board; a stage locks the three other lanes', () => {
    expect(isLaneLocked({ board: false, lanes: ['plan'] }, 'plan')).toBe(true);
    expect(isLaneLocked({ board: false, lanes: ['plan'] }, 'tactic')).toBe(false);
    expect(isLaneLocked({ board: true, lanes: [] }, 'tactic')).toBe(true);
    expect(stageLocks('strategy', { board: true, lanes: ['strategy'] })).toEqual({
      board: true,
      lanes: ['objective', 'plan', 'tactic'],
    });
    expect(stageLocks(null, { board: false, lanes: ['plan'] })).toEqual(NO_LOCKS);
  });

  it('[S-FAC-VOTE-1] vote scope, open by the clock, results sorted by dots then id', () => {
    const vote: VoteState = {
      id: 'v',
      state: 'open',
      scope: { kind: 'lanes', lanes: ['strategy'] },
      dotsPerPerson: 3,
      maxDotsPerCard: 1,
      startedAt: 0,
      endsAt: 100,
      results: null,
      voters: null,
    };
    expect(isCardInVote(vote, { id: 'c', lane: 'strategy' })).toBe(true);
    expect(isCardInVote(vote, { id: 'c', lane: 'plan' })).toBe(false);
    expect(
      isCardInVote({ ...vote, scope: { kind: 'cards', cards: ['c'] } }, { id: 'c', lane: 'plan' }),
    ).toBe(true);
    expect(isVoteOpen(vote, 99)).toBe(true);
    expect(isVoteOpen(vote, 100)).toBe(false);
    expect(isVoteOpen({ ...vote, state: 'closed' }, 0)).toBe(false);
    expect(
      sortVoteResults([
        ['b', 2],
        ['a', 2],
        ['c', 5],
        ['d', 0],
      ]),
    ).toEqual([
      { cardId: 'c', dots: 5 },
      { cardId: 'a', dots: 2 },
      { cardId: 'b', dots: 2 },
    ]);
  });
});

describe('private rounds', () => {
  it('[S-FAC-PRIV-3] private cards, their links and links to board cards are published once, authors optionally hidden', () => {
    const board = new Y.Doc();
    const objective = addCard(board, { lane: 'objective', title: 'Grow', author: 'Ana' });
    const gone = addCard(board, { lane: 'objective', title: 'Gone' });
    const mine = new Y.Doc();
    const strategy = addCard(mine, { lane: 'strategy', title: 'Focus', author: 'Bob' });
    const tactic = addCard(mine, { lane: 'tactic', title: 'Trade show', author: 'Bob' });
    expect(linkCards(mine, strategy, tactic).ok).toBe(true);
    const up = linkPrivateCard(mine, board, objective, strategy);
    expect(up).toMatchObject({ ok: true, from: strategy, to: objective });
    expect(linkPrivateCard(mine, board, gone, strategy).ok).toBe(true);
    expect(linkPrivateCard(mine, board, objective, gone)).toEqual({
      ok: false,
      reason: 'missing-card',
    });
    cardsMap(board).delete(gone);

    const draft = readPrivateDraft(mine);
    const counts = publishPrivateCards(board, [draft], { hideAuthors: true });
    // The link to the card deleted during the round is dropped, not left dangling.
    expect(counts).toMatchObject({ cards: 2, links: 2, keptCards: 0, keptLinks: 0, limit: null });
    expect(counts.settled).toEqual([draft]);
    const published = readBoard(board);
    expect(published.cards.find((card) => card.id === strategy)?.author).toBe('');
    expect(published.cards.find((card) => card.id === objective)?.author).toBe('Ana');
    expect(publishPrivateCards(board, [draft], { hideAuthors: true })).toMatchObject({
      cards: 0,
      links: 0,
      keptCards: 0,
    });
    clearPrivateDraft(mine, draft);
    expect(cardsMap(mine).size + linksMap(mine).size).toBe(0);
  });

  /** A private doc with `count` cards written `createdAt` = start, start + 1… */
  function draftOf(prefix: string, count: number, start: number, title = 'idea') {
    const doc = new Y.Doc();
    for (let i = 0; i < count; i++) {
      addCard(doc, { id: `${prefix}${i}`, lane: 'plan', title, now: start + i });
    }
    return doc;
  }

  it('[S-FAC-PRIV-5] a board with room for some: round-robin over participants, oldest card first; the rest and their links stay private', () => {
    const board = new Y.Doc();
    addCard(board, { id: 'old', lane: 'objective', title: 'on the board' });
    // Alice wrote first, then Carl, then Bob (drafts are ordered by their oldest card).
    const alice = draftOf('a', 3, 100);
    const bob = draftOf('b', 2, 300);
    const carl = draftOf('c', 1, 200);
    expect(linkCards(alice, 'a0', 'a2').ok).toBe(true);
    expect(linkPrivateCard(bob, board, 'b0', 'old').ok).toBe(true);
    const drafts = [alice, bob, carl].map(readPrivateDraft);
    const counts = publishPrivateCards(board, drafts, {
      hideAuthors: false,
      room: { cards: 4, links: 10, bytes: Infinity },
    });
    expect(counts).toMatchObject({
      cards: 4,
      links: 1,
      keptCards: 2,
      keptLinks: 1,
      limit: 'cards',
    });
    expect([...cardsMap(board).keys()].sort()).toEqual(['a0', 'a1', 'b0', 'c0', 'old']);
    // What stays private: Alice's third card and its link, Bob's second card.
    expect(counts.settled.map((draft) => draft.cards.map((card) => card.id))).toEqual([
      ['a0', 'a1'],
      ['b0'],
      ['c0'],
    ]);
    expect(counts.settled[0]!.links).toEqual([]);
    for (const [index, doc] of [alice, bob, carl].entries()) {
      clearPrivateDraft(doc, counts.settled[index]!);
    }
    expect([...cardsMap(alice).keys(), ...cardsMap(bob).keys(), ...cardsMap(carl).keys()]).toEqual([
      'a2',
      'b1',
    ]);
    expect(linksMap(alice).size).toBe(1);
    // The next round publishes them once there is room.
    const next = publishPrivateCards(board, [alice, bob].map(readPrivateDraft), {
      hideAuthors: false,
      room: { cards: 10, links: 10, bytes: Infinity },
    });
    expect(next).toMatchObject({ cards: 2, links: 1, keptCards: 0, limit: null });
  });

  it('[S-FAC-PRIV-5] the update that publishes stays within the bytes the board has left, whatever the writer’s clock', () => {
    for (const clockBefore of [0, 5_000, 3_000_000]) {
      const board = new Y.Doc();
      // Advance the board writer's clock as a long workshop would.
      if (clockBefore > 0) {
        const text = board.getText('history');
        text.insert(0, 'x'.repeat(clockBefore));
        text.delete(0, clockBefore);
      }
      const drafts = ['p', 'q', 'r'].map((prefix, index) =>
        readPrivateDraft(draftOf(prefix, 40, index, `Ünïcode ${prefix} 🚀 `.repeat(12))),
      );
      let updateBytes = 0;
      board.on('update', (update: Uint8Array) => {
        updateBytes += update.length;
      });
      const room = { cards: 1_000, links: 1_000, bytes: 20_000 };
      const counts = publishPrivateCards(board, drafts, { hideAuthors: true, room });
      expect(counts.limit).toBe('bytes');
      expect(counts.cards).toBeGreaterThan(10);
      expect(counts.cards + counts.keptCards).toBe(120);
      expect(updateBytes).toBeLessThanOrEqual(room.bytes);
      // The bound is close: the next card would not have fitted by much.
      expect(updateBytes).toBeGreaterThan(room.bytes * 0.8);
    }
  });
});
