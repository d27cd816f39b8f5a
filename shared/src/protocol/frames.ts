/**
 * Fire Triangle's own frames on a board's websocket (BRIEF decision 2): whatever the server and
 * the Fire Triangle client tell each other that is not Yjs sync or presence travels as one extra
 * y-websocket message type, `MESSAGE_TYPES.fireTriangle` (100), whose payload is one lib0
 * string holding a JSON object, checked on receipt:
 *
 *   frame = varuint(100) · varstring(JSON)      (JSON at most `MAX_FRAME_PAYLOAD_LENGTH` characters)
 *
 * Client → server:
 * - `hello` `{"type":"hello","accepts":["write-refused","welcome",…],"participant":"<token>"}` —
 *   sent once after the socket opens (before anything else it sends, ideally); lists the server
 *   frames this client reads, and presents the participant token kept for this board
 *   (`participant.ts`; absent the first time). The server sends a frame type only to
 *   connections that accepted it, so a stock y-websocket client (which logs an unknown message
 *   type) never receives one.
 * - `command` `{"type":"command","id":7,"command":{"name":"timer-start","durationMs":300000}}` —
 *   a facilitation command (`facilitation.ts`); `id` (0..2^31−1, the client's choice) comes
 *   back in the reply.
 *
 * Server → client (each only if listed in the connection's `hello`):
 * - `write-refused` `{"type":"write-refused","refusals":[{"reason":"locked","path":"cards.c_1","lane":"objective"}]}`
 *   — a change this connection sent was undone (the revert arrives as an ordinary Yjs update just
 *   before; S-WRITE-3). At most 32 refusals are listed.
 * - `welcome` `{"type":"welcome","serverTime":1790000000000,"role":"editor","participant":{"id":"…","token":"…"}}`
 *   — the answer to `hello`: the server's clock (epoch ms, for `estimateClockOffset`), the role
 *   of this link, and the participant token to keep (store it when it differs from the one sent).
 * - `reply` `{"type":"reply","id":7,"ok":true,"serverTime":…}` or
 *   `{"type":"reply","id":7,"ok":false,"error":"facilitator-only","serverTime":…}` — the answer
 *   to each `command`; `result` holds numbers some commands return (`private-end`:
 *   `{"cards":3,"links":1}`).
 * - `my-votes` `{"type":"my-votes","voteId":"v_…","dots":{"c_1":2},"remaining":3}` — this
 *   participant's own dots (card id → dots) and how many are left, sent to every connection of
 *   that participant after `hello`, after a vote starts and after each of their changes. Nobody
 *   else's dots are ever sent before the reveal (S-FAC-VOTE-2).
 * - `vote-progress` `{"type":"vote-progress","voteId":"v_…","voters":12,"finished":9}` — how
 *   many participants have placed at least one dot / all their dots; nothing per card.
 *   Batched (at most a few a second).
 * - `bring-everyone` `{"type":"bring-everyone","viewport":{"centre":{"x":1600,"y":900},"zoom":0.8},"from":{"name":"Ana"}}`
 *   — a facilitator asks everyone to look where they look (once; following is client-side).
 *
 * A frame that does not check closes the connection with 4400 on the server; the client ignores
 * it. Unknown `accepts` entries are ignored, so newer clients can list frames this server does
 * not send yet.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { isLane } from '../board/lanes.ts';
import {
  CommandCheckError,
  type CommandError,
  checkCommand,
  type FacilitationCommand,
  isCommandError,
} from './facilitation.ts';
import { MESSAGE_TYPES } from './messages.ts';
import { MAX_PARTICIPANT_TOKEN_LENGTH } from './participant.ts';
import type { SharedViewport } from './presence.ts';
import { isRole, type Role } from './roles.ts';
import { isWriteRefusalReason, type WriteRefusal } from './write-areas.ts';

/** Server frame types a client can ask for in its `hello`. */
export const SERVER_FRAME_TYPES = [
  'write-refused',
  'welcome',
  'reply',
  'my-votes',
  'vote-progress',
  'bring-everyone',
] as const;
export type ServerFrameType = (typeof SERVER_FRAME_TYPES)[number];

export interface HelloFrame {
  type: 'hello';
  /** Server frame types this client reads (unknown names are kept out). */
  accepts: ServerFrameType[];
  /** The participant token this device keeps for the board (`participant.ts`), if any. */
  participant?: string;
}

/** A facilitation command; `id` comes back in its `reply`. */
export interface CommandFrame {
  type: 'command';
  /** 0..2^31−1, chosen by the client. */
  id: number;
  command: FacilitationCommand;
}

export interface WriteRefusedFrame {
  type: 'write-refused';
  refusals: WriteRefusal[];
}

export interface WelcomeFrame {
  type: 'welcome';
  /** The server's clock when it answered, epoch ms. */
  serverTime: number;
  /** The role of this connection's share token. */
  role: Role;
  /** This device's participant on the board: keep `token`, show nobody `id`. */
  participant: { id: string; token: string };
}

export type ReplyFrame =
  | { type: 'reply'; id: number; ok: true; serverTime: number; result?: Record<string, number> }
  | { type: 'reply'; id: number; ok: false; serverTime: number; error: CommandError };

export interface MyVotesFrame {
  type: 'my-votes';
  voteId: string;
  /** Card id → this participant's dots on it (cards with none are left out). */
  dots: Record<string, number>;
  /** Dots this participant may still place. */
  remaining: number;
}

export interface VoteProgressFrame {
  type: 'vote-progress';
  voteId: string;
  /** Participants who placed at least one dot. */
  voters: number;
  /** Participants who placed all their dots. */
  finished: number;
}

export interface BringEveryoneFrame {
  type: 'bring-everyone';
  viewport: SharedViewport;
  /** Who asked: the name in their presence ('' when they have none). */
  from: { name: string };
}

export type ClientFrame = HelloFrame | CommandFrame;
export type ServerFrame =
  | WriteRefusedFrame
  | WelcomeFrame
  | ReplyFrame
  | MyVotesFrame
  | VoteProgressFrame
  | BringEveryoneFrame;

/** Largest frame payload either side accepts, in characters of JSON (a vote on 300 cards fits). */
export const MAX_FRAME_PAYLOAD_LENGTH = 16_384;
const MAX_LIST_ENTRIES = 32;
/** Largest request id: fits a signed 32-bit integer. */
export const MAX_REQUEST_ID = 2 ** 31 - 1;

/** A frame whose payload is not what this file defines; `detail` says what is wrong. */
export class FrameError extends Error {
  constructor(readonly detail: string) {
    super(`Fire Triangle frame: ${detail}`);
    this.name = 'FrameError';
  }
}

/** The whole websocket message for a frame (message type + payload). */
export function encodeFrame(frame: ClientFrame | ServerFrame): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPES.fireTriangle);
  encoding.writeVarString(encoder, JSON.stringify(frame));
  return encoding.toUint8Array(encoder);
}

/**
 * Reads the payload of a frame whose message type was already read from `decoder` (as the
 * y-websocket client's message handlers and the server's parser do). Throws `FrameError`.
 */
export function readFramePayload(decoder: decoding.Decoder): unknown {
  let text: string;
  try {
    text = decoding.readVarString(decoder);
  } catch {
    throw new FrameError('the payload is not a length-prefixed UTF-8 string');
  }
  if (text.length > MAX_FRAME_PAYLOAD_LENGTH) {
    throw new FrameError(`the payload is longer than ${MAX_FRAME_PAYLOAD_LENGTH} characters`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new FrameError('the payload is not JSON');
  }
}

function asObject(payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new FrameError('the payload is not a JSON object');
  }
  return payload as Record<string, unknown>;
}

function asList(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new FrameError(`"${field}" is not a list`);
  if (value.length > MAX_LIST_ENTRIES) {
    throw new FrameError(`"${field}" has more than ${MAX_LIST_ENTRIES} entries`);
  }
  return value;
}

function nonNegative(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new FrameError(`"${field}" must be a number ≥ 0`);
  }
  return value;
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.length > max) {
    throw new FrameError(`"${field}" must be a string of at most ${max} characters`);
  }
  return value;
}

function requestId(value: unknown): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > MAX_REQUEST_ID
  ) {
    throw new FrameError(`"id" must be a whole number from 0 to ${MAX_REQUEST_ID}`);
  }
  return value;
}

/** Checks a frame a client sent. Throws `FrameError`. */
export function checkClientFrame(payload: unknown): ClientFrame {
  const frame = asObject(payload);
  if (frame.type === 'command') {
    const id = requestId(frame.id);
    try {
      return { type: 'command', id, command: checkCommand(frame.command) };
    } catch (error) {
      if (error instanceof CommandCheckError) throw new FrameError(`command: ${error.detail}`);
      throw error;
    }
  }
  if (frame.type !== 'hello')
    throw new FrameError(`unknown client frame type ${String(frame.type)}`);
  const accepts = asList(frame.accepts, 'accepts');
  if (!accepts.every((entry) => typeof entry === 'string')) {
    throw new FrameError('"accepts" must list frame type names');
  }
  const hello: HelloFrame = {
    type: 'hello',
    accepts: accepts.filter((entry): entry is ServerFrameType =>
      (SERVER_FRAME_TYPES as readonly unknown[]).includes(entry),
    ),
  };
  if (frame.participant !== undefined) {
    hello.participant = text(frame.participant, 'participant', MAX_PARTICIPANT_TOKEN_LENGTH);
  }
  return hello;
}

function finiteNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new FrameError(`"${field}" must be a number`);
  }
  return value;
}

function checkRefusal(entry: unknown): WriteRefusal {
  const refusal = asObject(entry);
  if (!isWriteRefusalReason(refusal.reason)) {
    throw new FrameError(`unknown refusal reason ${String(refusal.reason)}`);
  }
  if (refusal.path !== undefined && typeof refusal.path !== 'string') {
    throw new FrameError('a refusal path must be a string');
  }
  if (refusal.lane !== undefined && !isLane(refusal.lane)) {
    throw new FrameError('a refusal lane must be a lane');
  }
  const checked: WriteRefusal = { reason: refusal.reason };
  if (refusal.path !== undefined) checked.path = refusal.path;
  if (refusal.lane !== undefined) checked.lane = refusal.lane;
  return checked;
}

/** Checks a frame the server sent (for the client). Throws `FrameError`. */
export function checkServerFrame(payload: unknown): ServerFrame {
  const frame = asObject(payload);
  switch (frame.type) {
    case 'write-refused':
      return {
        type: 'write-refused',
        refusals: asList(frame.refusals, 'refusals').map(checkRefusal),
      };
    case 'welcome': {
      const participant = asObject(frame.participant);
      if (!isRole(frame.role)) throw new FrameError('"role" must be a role');
      return {
        type: 'welcome',
        serverTime: nonNegative(frame.serverTime, 'serverTime'),
        role: frame.role,
        participant: {
          id: text(participant.id, 'participant.id', MAX_PARTICIPANT_TOKEN_LENGTH),
          token: text(participant.token, 'participant.token', MAX_PARTICIPANT_TOKEN_LENGTH),
        },
      };
    }
    case 'reply': {
      const id = requestId(frame.id);
      const serverTime = nonNegative(frame.serverTime, 'serverTime');
      if (frame.ok === true) {
        if (frame.result === undefined) return { type: 'reply', id, ok: true, serverTime };
        const result: Record<string, number> = {};
        for (const [key, value] of Object.entries(asObject(frame.result))) {
          result[key] = nonNegative(value, `result.${key}`);
        }
        return { type: 'reply', id, ok: true, serverTime, result };
      }
      if (frame.ok !== false) throw new FrameError('"ok" must be true or false');
      if (!isCommandError(frame.error)) {
        throw new FrameError(`unknown command error ${String(frame.error)}`);
      }
      return { type: 'reply', id, ok: false, serverTime, error: frame.error };
    }
    case 'my-votes': {
      const dots: Record<string, number> = {};
      for (const [cardId, count] of Object.entries(asObject(frame.dots))) {
        dots[cardId] = nonNegative(count, `dots.${cardId}`);
      }
      return {
        type: 'my-votes',
        voteId: text(frame.voteId, 'voteId', 64),
        dots,
        remaining: nonNegative(frame.remaining, 'remaining'),
      };
    }
    case 'vote-progress':
      return {
        type: 'vote-progress',
        voteId: text(frame.voteId, 'voteId', 64),
        voters: nonNegative(frame.voters, 'voters'),
        finished: nonNegative(frame.finished, 'finished'),
      };
    case 'bring-everyone': {
      const viewport = asObject(frame.viewport);
      const centre = asObject(viewport.centre);
      const from = asObject(frame.from);
      return {
        type: 'bring-everyone',
        viewport: {
          centre: {
            x: finiteNumber(centre.x, 'viewport.centre.x'),
            y: finiteNumber(centre.y, 'viewport.centre.y'),
          },
          zoom: nonNegative(viewport.zoom, 'viewport.zoom'),
        },
        from: { name: text(from.name, 'from.name', 200) },
      };
    }
    default:
      throw new FrameError(`unknown server frame type ${String(frame.type)}`);
  }
}
