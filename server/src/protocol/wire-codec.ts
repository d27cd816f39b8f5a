/**
 * The y-websocket wire codec, both ways, in one place (as the reference server keeps its
 * message handling in `utils.js`; the message types are `shared/src/protocol/messages.ts`).
 *
 * Decoding (`parseClientMessage`) reads one frame from a client, strictly: the protocol's four
 * message types and Fire Triangle's own frames (`shared/src/protocol/frames.ts`), each fully
 * decoded (varints in range, lengths inside the frame, Yjs updates
 * and state vectors that decode, awareness entries whose state is JSON) with no trailing bytes.
 * Anything else throws `MalformedMessageError`, and the connection is closed with 4400
 * (`CLOSE_CODES.MALFORMED_MESSAGE`) and the error's detail. Decoding the Yjs payload here,
 * before the room sees it, keeps garbage away from the board's doc: `Y.applyUpdate` can throw
 * halfway through a bad update after changing the doc.
 *
 * Encoding (`encodeSyncStep1`, `encodeSyncStep2`, `encodeUpdate`, `encodeAwareness`) writes the
 * frames the server sends, byte for byte what `y-protocols` and the stock client expect.
 */

import {
  type ClientFrame,
  checkClientFrame,
  FrameError,
  MESSAGE_TYPES,
  readFramePayload,
  SYNC_STEPS,
} from '@fire-triangle/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** null when the client left (or cleared its presence). */
  state: unknown;
}

export type ClientMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'sync-step-2'; update: Uint8Array; empty: boolean }
  | { kind: 'update'; update: Uint8Array; empty: boolean }
  | { kind: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { kind: 'query-awareness' }
  | { kind: 'frame'; frame: ClientFrame };

export class MalformedMessageError extends Error {
  constructor(readonly detail: string) {
    super(`malformed message: ${detail}`);
    this.name = 'MalformedMessageError';
  }
}

function readUint(decoder: decoding.Decoder, what: string): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw new MalformedMessageError(`truncated or oversized number (${what})`);
  }
}

/** A length-prefixed byte array, copied, with the length checked against what is left. */
function readBytes(decoder: decoding.Decoder, what: string): Uint8Array {
  const length = readUint(decoder, `${what} length`);
  if (length > decoder.arr.length - decoder.pos) {
    throw new MalformedMessageError(`${what} is longer than the message`);
  }
  const bytes = decoder.arr.slice(decoder.pos, decoder.pos + length);
  decoder.pos += length;
  return bytes;
}

/** Strict UTF-8, as lib0 (and so y-protocols) decodes it: what we accept, they can read. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function readString(decoder: decoding.Decoder, what: string): string {
  try {
    return utf8.decode(readBytes(decoder, what));
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(`${what} is not UTF-8`);
  }
}

/** Whether a decoded update carries nothing (no structs, no deletions). */
function isEmptyUpdate(update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw new MalformedMessageError('Yjs update does not decode');
  }
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}

export function parseAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = readUint(decoder, 'awareness entry count');
  const entries: AwarenessEntry[] = [];
  for (let index = 0; index < count; index++) {
    const clientId = readUint(decoder, 'awareness client id');
    const clock = readUint(decoder, 'awareness clock');
    const json = readString(decoder, 'awareness state');
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new MalformedMessageError('awareness state is not JSON');
    }
    entries.push({ clientId, clock, state });
  }
  if (decoder.pos !== update.length) {
    throw new MalformedMessageError('trailing bytes after the awareness entries');
  }
  return entries;
}

export function parseClientMessage(frame: Uint8Array): ClientMessage {
  // A copy that owns its buffer: lib0 reads through views, and a view over a pooled Node
  // Buffer could otherwise read past the frame into another connection's bytes.
  const decoder = decoding.createDecoder(new Uint8Array(frame));
  if (frame.length === 0) throw new MalformedMessageError('empty message');
  const type = readUint(decoder, 'message type');
  let message: ClientMessage;
  switch (type) {
    case MESSAGE_TYPES.sync: {
      const step = readUint(decoder, 'sync step');
      if (step === SYNC_STEPS.step1) {
        const stateVector = readBytes(decoder, 'state vector');
        try {
          Y.decodeStateVector(stateVector);
        } catch {
          throw new MalformedMessageError('state vector does not decode');
        }
        message = { kind: 'sync-step-1', stateVector };
      } else if (step === SYNC_STEPS.step2 || step === SYNC_STEPS.update) {
        const update = readBytes(decoder, 'update');
        const empty = isEmptyUpdate(update);
        message = { kind: step === SYNC_STEPS.step2 ? 'sync-step-2' : 'update', update, empty };
      } else {
        throw new MalformedMessageError(`unknown sync step ${step}`);
      }
      break;
    }
    case MESSAGE_TYPES.awareness: {
      const update = readBytes(decoder, 'awareness update');
      message = { kind: 'awareness', update, entries: parseAwarenessUpdate(update) };
      break;
    }
    case MESSAGE_TYPES.queryAwareness:
      message = { kind: 'query-awareness' };
      break;
    case MESSAGE_TYPES.fireTriangle:
      try {
        message = { kind: 'frame', frame: checkClientFrame(readFramePayload(decoder)) };
      } catch (error) {
        if (error instanceof FrameError) throw new MalformedMessageError(error.message);
        throw error;
      }
      break;
    case MESSAGE_TYPES.auth:
      throw new MalformedMessageError('auth messages only go from the server to clients');
    default:
      throw new MalformedMessageError(`unknown message type ${type}`);
  }
  if (decoder.pos !== decoder.arr.length) {
    throw new MalformedMessageError('trailing bytes after the message');
  }
  return message;
}

// ---------------------------------------------------------------------------------------------
// Encoding: what the server sends

function serverFrame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: the doc's state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return serverFrame(MESSAGE_TYPES.sync, (encoder) => syncProtocol.writeSyncStep1(encoder, doc));
}

/** Sync step 2: everything in `doc` that a client with `stateVector` lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return serverFrame(MESSAGE_TYPES.sync, (encoder) =>
    syncProtocol.writeSyncStep2(encoder, doc, stateVector),
  );
}

/** One Yjs update, relayed. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  return serverFrame(MESSAGE_TYPES.sync, (encoder) => syncProtocol.writeUpdate(encoder, update));
}

/** The presence of `clientIds` (their current state, or null for those who left). */
export function encodeAwareness(
  awareness: awarenessProtocol.Awareness,
  clientIds: readonly number[],
): Uint8Array {
  return serverFrame(MESSAGE_TYPES.awareness, (encoder) =>
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(awareness, [...clientIds]),
    ),
  );
}
