import {
  type CommandFrame,
  checkClientFrame,
  MESSAGE_TYPES,
  participantStorageKey,
  readFramePayload,
  writeSession,
} from '@fire-triangle/shared';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { voteState } from '../test-support/workshop.ts';
import { COMMAND_TIMEOUT_MS, FacilitationClient } from './facilitation.ts';

/** A client on a fresh doc whose sent frames are decoded for the test, with a local clock. */
function client(options: { open?: boolean } = {}) {
  const doc = new Y.Doc();
  const sent: unknown[] = [];
  const saved = new Map<string, string>();
  let now = 10_000;
  const facilitation = new FacilitationClient(doc, {
    boardId: 'b1',
    storage: {
      getItem: (key) => saved.get(key) ?? null,
      setItem: (key, value) => void saved.set(key, value),
    },
    send(message) {
      if (options.open === false) return false;
      const decoder = decoding.createDecoder(message);
      expect(decoding.readVarUint(decoder)).toBe(MESSAGE_TYPES.fireTriangle);
      sent.push(checkClientFrame(readFramePayload(decoder)));
      return true;
    },
    now: () => now,
  });
  return {
    doc,
    facilitation,
    sent,
    saved,
    tick(ms: number) {
      now += ms;
    },
    lastCommand: () => sent.at(-1) as CommandFrame,
  };
}

const VOTE = voteState();

afterEach(() => {
  vi.useRealTimers();
});

describe('FacilitationClient', () => {
  it('[fac/welcome] hello carries the kept participant token; welcome sets the clock and the token', () => {
    const { facilitation, saved, tick } = client();
    const hello = decoding.createDecoder(facilitation.hello());
    decoding.readVarUint(hello);
    expect(checkClientFrame(readFramePayload(hello))).toEqual({
      type: 'hello',
      accepts: ['write-refused', 'welcome', 'reply', 'my-votes', 'vote-progress', 'bring-everyone'],
    });
    tick(200);
    facilitation.receive({
      type: 'welcome',
      serverTime: 60_100,
      role: 'editor',
      participant: { id: 'p', token: 'tok.en' },
    });
    expect(saved.get(participantStorageKey('b1'))).toBe('tok.en');
    expect(facilitation.getState().clock).toEqual({ offsetMs: 50_000, known: true });
    expect(facilitation.serverNow()).toBe(60_200);
    const again = decoding.createDecoder(facilitation.hello());
    decoding.readVarUint(again);
    expect(checkClientFrame(readFramePayload(again))).toMatchObject({ participant: 'tok.en' });
  });

  it('[fac/commands] a command resolves with its reply; refused, offline and unanswered ones say why', async () => {
    vi.useFakeTimers();
    const { facilitation, lastCommand } = client();
    const started = facilitation.run({ name: 'timer-start', durationMs: 300_000 });
    const frame = lastCommand();
    expect(frame.command).toEqual({ name: 'timer-start', durationMs: 300_000 });
    facilitation.receive({ type: 'reply', id: frame.id, ok: true, serverTime: 1 });
    await expect(started).resolves.toEqual({ ok: true });

    const refused = facilitation.run({ name: 'lock-board', locked: true });
    facilitation.receive({
      type: 'reply',
      id: lastCommand().id,
      ok: false,
      error: 'facilitator-only',
      serverTime: 1,
    });
    await expect(refused).resolves.toEqual({ ok: false, error: 'facilitator-only' });

    const lost = facilitation.run({ name: 'timer-stop' });
    facilitation.connectionLost();
    await expect(lost).resolves.toEqual({ ok: false, error: 'unavailable' });

    const silent = facilitation.run({ name: 'timer-stop' });
    vi.advanceTimersByTime(COMMAND_TIMEOUT_MS);
    await expect(silent).resolves.toEqual({ ok: false, error: 'unavailable' });

    const offline = client({ open: false });
    await expect(offline.facilitation.run({ name: 'timer-stop' })).resolves.toEqual({
      ok: false,
      error: 'offline',
    });
  });

  it('[fac/session] the workshop state follows the doc’s session map', () => {
    const { doc, facilitation } = client();
    expect(facilitation.getState().workshop.stage).toBeNull();
    const states: unknown[] = [];
    facilitation.subscribe(() => states.push(facilitation.getState()));
    writeSession(doc, { stage: 'strategy', locks: { board: false, lanes: ['objective'] } });
    expect(facilitation.getState().workshop.stage).toBe('strategy');
    expect(facilitation.getState().workshop.locks.lanes).toEqual(['objective']);
    expect(states).toHaveLength(1);
  });

  it('[fac/dots] own dots show at once, are kept when accepted and put back when refused; others’ never arrive', async () => {
    const { doc, facilitation, lastCommand } = client();
    writeSession(doc, { vote: VOTE });
    expect(facilitation.getState().myVotes).toEqual({ voteId: 'v_1', dots: {}, remaining: 3 });
    const placed = facilitation.setDots('c_1', 2);
    expect(facilitation.getState().myVotes).toEqual({
      voteId: 'v_1',
      dots: { c_1: 2 },
      remaining: 1,
    });
    expect(lastCommand().command).toEqual({
      name: 'set-dots',
      voteId: 'v_1',
      cardId: 'c_1',
      dots: 2,
    });
    facilitation.receive({ type: 'my-votes', voteId: 'v_1', dots: { c_1: 2 }, remaining: 1 });
    facilitation.receive({ type: 'reply', id: lastCommand().id, ok: true, serverTime: 1 });
    await placed;
    expect(facilitation.getState().myVotes?.dots).toEqual({ c_1: 2 });

    const refused = facilitation.setDots('c_2', 2);
    expect(facilitation.getState().myVotes?.remaining).toBe(0);
    facilitation.receive({
      type: 'reply',
      id: lastCommand().id,
      ok: false,
      error: 'no-dots-left',
      serverTime: 1,
    });
    await expect(refused).resolves.toEqual({ ok: false, error: 'no-dots-left' });
    expect(facilitation.getState().myVotes).toEqual({
      voteId: 'v_1',
      dots: { c_1: 2 },
      remaining: 1,
    });

    facilitation.receive({ type: 'vote-progress', voteId: 'v_1', voters: 4, finished: 1 });
    expect(facilitation.getState().progress).toEqual({ voteId: 'v_1', voters: 4, finished: 1 });
    // A new vote: the old dots and progress do not carry over.
    writeSession(doc, { vote: { ...VOTE, id: 'v_2' } });
    expect(facilitation.getState().myVotes).toEqual({ voteId: 'v_2', dots: {}, remaining: 3 });
    expect(facilitation.getState().progress).toBeNull();
  });

  it('[fac/bring] a bring-everyone frame reaches the listeners once', () => {
    const { facilitation } = client();
    const heard: unknown[] = [];
    const stop = facilitation.onBringEveryone((request) => heard.push(request));
    const viewport = { centre: { x: 1600, y: 900 }, zoom: 0.8 };
    facilitation.receive({ type: 'bring-everyone', viewport, from: { name: 'Ana' } });
    stop();
    facilitation.receive({ type: 'bring-everyone', viewport, from: { name: 'Ana' } });
    expect(heard).toEqual([{ viewport, from: 'Ana' }]);
  });
});
