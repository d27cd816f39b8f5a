/**
 * Notices: what the session tells the person besides the connection state — a change the server
 * refused and undid, a limit this client refused to cross. The UI turns each into words
 * (`board/notices.ts`) and shows it in the UI store's notice slot.
 *
 * Server notices travel as Fire Triangle's own websocket frame (shared `protocol/frames.ts`:
 * message type `MESSAGE_TYPES.fireTriangle`, a JSON payload checked on receipt). The server sends
 * a frame type only to connections that asked for it in their `hello` (`helloFrame`, sent after
 * every (re)connect), so a stock y-websocket client never receives one. The facilitation frames
 * (welcome, reply, my-votes, vote-progress, bring-everyone) arrive the same way and go to the
 * session's `FacilitationClient` (`facilitation.ts`).
 */
import {
  checkServerFrame,
  encodeFrame,
  type Lane,
  MESSAGE_TYPES,
  readFramePayload,
  SERVER_FRAME_TYPES,
  type ServerFrame,
  type ServerFrameType,
  type WriteRefusalReason,
} from '@fire-triangle/shared';
import type * as decoding from 'lib0/decoding';

export type { WriteRefusalReason };

/** The y-websocket message type of Fire Triangle's own frames. */
export const FIRE_TRIANGLE_MESSAGE_TYPE = MESSAGE_TYPES.fireTriangle;

/**
 * The frame sent after the socket opens: the server frames this client reads (all of them on a
 * board, only `write-refused` on a private room) and this device's participant token, if known.
 */
export function helloFrame(
  participant: string | null,
  accepts: readonly ServerFrameType[] = SERVER_FRAME_TYPES,
): Uint8Array {
  return encodeFrame({
    type: 'hello',
    accepts: [...accepts],
    ...(participant ? { participant } : {}),
  });
}

/** A limit this client refused to cross (`LIMITS` names). */
export type LocalLimit = 'cards' | 'links' | 'boardBytes';

export type SessionNotice =
  /** The server undid a change from this tab (the revert has arrived as a Yjs update); `lanes`:
   * the locked lanes it named (empty when the whole board is locked or none was named). */
  | { kind: 'write-refused'; reasons: WriteRefusalReason[]; lanes: Lane[] }
  /** This tab refused an edit that would cross a board limit. */
  | { kind: 'limit'; limit: LocalLimit };

/**
 * Reads a Fire Triangle frame's payload (after its message type); null for a frame that does not
 * check (ignored, never thrown: it comes from the network).
 */
export function decodeServerFrame(decoder: decoding.Decoder): ServerFrame | null {
  try {
    return checkServerFrame(readFramePayload(decoder));
  } catch {
    return null;
  }
}

/** The notice a `write-refused` frame means; null for any other frame or an empty refusal. */
export function noticeOfFrame(frame: ServerFrame | null): SessionNotice | null {
  if (frame?.type !== 'write-refused') return null;
  const reasons = [...new Set(frame.refusals.map((refusal) => refusal.reason))];
  const lanes = [
    ...new Set(frame.refusals.flatMap((refusal) => (refusal.lane ? [refusal.lane] : []))),
  ];
  return reasons.length > 0 ? { kind: 'write-refused', reasons, lanes } : null;
}

/** `decodeServerFrame` then `noticeOfFrame`. */
export function decodeServerNotice(decoder: decoding.Decoder): SessionNotice | null {
  return noticeOfFrame(decodeServerFrame(decoder));
}
