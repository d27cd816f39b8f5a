/**
 * Fire Triangle's own frames on a board's websocket (BRIEF decision 2): whatever the server and
 * the Fire Triangle client tell each other that is not Yjs sync or presence travels as one extra
 * y-websocket message type, `MESSAGE_TYPES.fireTriangle` (100), whose payload is one lib0
 * string holding a JSON object, checked on receipt:
 *
 *   frame = varuint(100) · varstring(JSON)
 *
 * Client → server: `{"type":"hello","accepts":["write-refused"]}` — sent once after the socket
 * opens; it lists the server frames this client reads. The server sends a frame type only to
 * connections that accepted it, so a stock y-websocket client (which logs an unknown message
 * type) never receives one.
 *
 * Server → client: `{"type":"write-refused","refusals":[{"reason":"facilitator-only","path":"meta.title"}]}`
 * — a change this connection sent was undone (the revert arrives as an ordinary Yjs update just
 * before; docs/server-spec.md S-WRITE-3).
 *
 * A frame that does not check closes the connection with 4400 on the server; the client ignores
 * it. Unknown `accepts` entries are ignored, so newer clients can list frames this server does
 * not send yet.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_TYPES } from './messages.ts';
import { isWriteRefusalReason, type WriteRefusal } from './write-areas.ts';

/** Server frame types a client can ask for in its `hello`. */
export const SERVER_FRAME_TYPES = ['write-refused'] as const;
export type ServerFrameType = (typeof SERVER_FRAME_TYPES)[number];

export interface HelloFrame {
  type: 'hello';
  /** Server frame types this client reads (unknown names are kept out). */
  accepts: ServerFrameType[];
}

export interface WriteRefusedFrame {
  type: 'write-refused';
  refusals: WriteRefusal[];
}

export type ClientFrame = HelloFrame;
export type ServerFrame = WriteRefusedFrame;

/** Largest frame payload either side accepts, in characters of JSON. */
export const MAX_FRAME_PAYLOAD_LENGTH = 4096;
const MAX_LIST_ENTRIES = 32;

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

/** Checks a frame a client sent. Throws `FrameError`. */
export function checkClientFrame(payload: unknown): ClientFrame {
  const frame = asObject(payload);
  if (frame.type !== 'hello')
    throw new FrameError(`unknown client frame type ${String(frame.type)}`);
  const accepts = asList(frame.accepts, 'accepts');
  if (!accepts.every((entry) => typeof entry === 'string')) {
    throw new FrameError('"accepts" must list frame type names');
  }
  return {
    type: 'hello',
    accepts: accepts.filter((entry): entry is ServerFrameType =>
      (SERVER_FRAME_TYPES as readonly unknown[]).includes(entry),
    ),
  };
}

/** Checks a frame the server sent (for the client). Throws `FrameError`. */
export function checkServerFrame(payload: unknown): ServerFrame {
  const frame = asObject(payload);
  if (frame.type !== 'write-refused') {
    throw new FrameError(`unknown server frame type ${String(frame.type)}`);
  }
  const refusals = asList(frame.refusals, 'refusals').map((entry) => {
    const refusal = asObject(entry);
    if (!isWriteRefusalReason(refusal.reason)) {
      throw new FrameError(`unknown refusal reason ${String(refusal.reason)}`);
    }
    if (refusal.path !== undefined && typeof refusal.path !== 'string') {
      throw new FrameError('a refusal path must be a string');
    }
    return refusal.path === undefined
      ? { reason: refusal.reason }
      : { reason: refusal.reason, path: refusal.path };
  });
  return { type: 'write-refused', refusals };
}
