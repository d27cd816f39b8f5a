import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { FACILITATION_LIMITS } from '../board/session.ts';
import {
  COMMAND_ERROR_MESSAGES,
  COMMAND_ERRORS,
  COMMAND_NAMES,
  COMMANDS,
  CommandCheckError,
  checkCommand,
  estimateClockOffset,
  type FacilitationCommand,
} from './facilitation.ts';
import {
  checkClientFrame,
  checkServerFrame,
  encodeFrame,
  FrameError,
  readFramePayload,
  type ServerFrame,
} from './frames.ts';
import { MESSAGE_TYPES } from './messages.ts';
import { stampPresenceRole } from './presence.ts';

function payloadOf(frame: Uint8Array): unknown {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MESSAGE_TYPES.fireTriangle);
  return readFramePayload(decoder);
}

const EVERY_COMMAND: FacilitationCommand[] = [
  { name: 'timer-start', durationMs: 300_000 },
  { name: 'timer-pause' },
  { name: 'timer-resume' },
  { name: 'timer-add', ms: -60_000 },
  { name: 'timer-stop' },
  { name: 'lock', lanes: ['objective', 'plan'], locked: true },
  { name: 'lock-board', locked: false },
  { name: 'stage', stage: 'strategy' },
  { name: 'stage', stage: null },
  {
    name: 'vote-start',
    scope: { kind: 'lanes', lanes: ['strategy'] },
    dotsPerPerson: 5,
    maxDotsPerCard: 1,
    durationMs: null,
  },
  {
    name: 'vote-start',
    scope: { kind: 'cards', cards: ['c_1', 'c_2'] },
    dotsPerPerson: 3,
    maxDotsPerCard: 3,
    durationMs: 120_000,
  },
  { name: 'vote-close' },
  { name: 'vote-reveal' },
  { name: 'vote-clear' },
  { name: 'private-start', hideAuthors: true },
  { name: 'private-end' },
  { name: 'bring-everyone', viewport: { centre: { x: 1600, y: -20 }, zoom: 0.8 } },
  { name: 'set-dots', voteId: 'v_1', cardId: 'c_1', dots: 2 },
];

describe('facilitation commands', () => {
  it('[S-FAC-CMD-1] every command survives a command frame unchanged, and each name has a rule for who may send it', () => {
    for (const [index, command] of EVERY_COMMAND.entries()) {
      const frame = encodeFrame({ type: 'command', id: index, command });
      expect(checkClientFrame(payloadOf(frame))).toEqual({ type: 'command', id: index, command });
    }
    expect(new Set(EVERY_COMMAND.map((command) => command.name))).toEqual(new Set(COMMAND_NAMES));
    expect(COMMANDS['set-dots'].who).toBe('participant');
    expect(COMMANDS['timer-start'].who).toBe('facilitator');
    for (const error of COMMAND_ERRORS) {
      expect(COMMAND_ERROR_MESSAGES[error].fr.length).toBeGreaterThan(5);
      expect(COMMAND_ERROR_MESSAGES[error].en.length).toBeGreaterThan(5);
    }
  });

  it('[S-FAC-CMD-1] a command out of range or of the wrong shape is a malformed frame naming the field', () => {
    const bad: [unknown, RegExp][] = [
      [{ name: 'timer-start', durationMs: 10 }, /durationMs/],
      [{ name: 'timer-start', durationMs: FACILITATION_LIMITS.timerMaxMs + 1 }, /durationMs/],
      [{ name: 'timer-add', ms: 0 }, /"ms" must not be 0/],
      [{ name: 'lock', lanes: ['roof'], locked: true }, /lanes/],
      [{ name: 'lock', lanes: [], locked: true }, /lanes/],
      [{ name: 'stage', stage: 'roof' }, /stage/],
      [
        {
          name: 'vote-start',
          scope: { kind: 'lanes', lanes: ['plan'] },
          dotsPerPerson: 3,
          maxDotsPerCard: 4,
          durationMs: null,
        },
        /maxDotsPerCard/,
      ],
      [
        {
          name: 'vote-start',
          scope: { kind: 'cards', cards: [] },
          dotsPerPerson: 3,
          maxDotsPerCard: 1,
          durationMs: null,
        },
        /scope.cards/,
      ],
      [{ name: 'set-dots', voteId: 'v', cardId: '', dots: 1 }, /cardId/],
      [{ name: 'set-dots', voteId: 'v', cardId: 'c', dots: -1 }, /dots/],
      [{ name: 'bring-everyone', viewport: { centre: { x: 0, y: 0 }, zoom: 0 } }, /zoom/],
      [{ name: 'hack' }, /unknown command hack/],
    ];
    for (const [command, message] of bad) {
      expect(() => checkCommand(command)).toThrow(CommandCheckError);
      expect(() => checkCommand(command)).toThrow(message);
      expect(() => checkClientFrame({ type: 'command', id: 1, command })).toThrow(FrameError);
    }
    expect(() =>
      checkClientFrame({ type: 'command', id: -1, command: { name: 'timer-stop' } }),
    ).toThrow(/"id"/);
    // Extra fields are dropped, not carried along.
    expect(checkCommand({ name: 'timer-stop', role: 'facilitator' })).toEqual({
      name: 'timer-stop',
    });
  });

  it('[S-FAC-ID-1] hello carries the participant token; every server frame survives encoding and checking', () => {
    expect(
      checkClientFrame({
        type: 'hello',
        accepts: ['welcome', 'future-frame'],
        participant: 'abc.def',
      }),
    ).toEqual({ type: 'hello', accepts: ['welcome'], participant: 'abc.def' });
    expect(() =>
      checkClientFrame({ type: 'hello', accepts: [], participant: 'x'.repeat(300) }),
    ).toThrow(/participant/);
    const frames: ServerFrame[] = [
      {
        type: 'write-refused',
        refusals: [{ reason: 'locked', path: 'cards.c_1', lane: 'objective' }],
      },
      {
        type: 'welcome',
        serverTime: 1_790_000_000_000,
        role: 'editor',
        participant: { id: 'p1', token: 'a.b' },
      },
      { type: 'reply', id: 3, ok: true, serverTime: 5, result: { cards: 2, links: 1 } },
      { type: 'reply', id: 4, ok: false, serverTime: 5, error: 'facilitator-only' },
      { type: 'my-votes', voteId: 'v_1', dots: { c_1: 2 }, remaining: 3 },
      { type: 'vote-progress', voteId: 'v_1', voters: 4, finished: 2 },
      {
        type: 'bring-everyone',
        viewport: { centre: { x: -5, y: 10 }, zoom: 1.5 },
        from: { name: 'Ana' },
      },
    ];
    for (const frame of frames)
      expect(checkServerFrame(payloadOf(encodeFrame(frame)))).toEqual(frame);
    expect(() =>
      checkServerFrame({ type: 'reply', id: 1, ok: false, serverTime: 1, error: 'nope' }),
    ).toThrow(/unknown command error/);
  });

  it('[S-FAC-TIMER-1] the clock offset is the server time minus the middle of the round trip', () => {
    expect(estimateClockOffset(1000, 5060, 1100)).toEqual({ offsetMs: 4010, roundTripMs: 100 });
  });

  it('[S-FAC-PRES-2] the server stamps the role over whatever a state claims, leaving the rest', () => {
    expect(
      stampPresenceRole({ user: { name: 'Eve', role: 'facilitator' }, cursor: null }, 'viewer'),
    ).toEqual({
      user: { name: 'Eve', role: 'viewer' },
      cursor: null,
    });
    expect(stampPresenceRole({ cursor: { x: 1, y: 2 } }, 'editor')).toEqual({
      cursor: { x: 1, y: 2 },
      user: { role: 'editor' },
    });
    expect(stampPresenceRole(null, 'editor')).toBeNull();
  });
});
