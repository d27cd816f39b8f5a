/**
 * Notices: what the session tells the person besides the connection state — a change the server
 * refused and undid, a limit this client refused to cross. The UI turns each into words
 * (`board/notices.ts`) and shows it in the UI store's notice slot.
 *
 * Server notices travel as Fire Triangle's own websocket frame (shared `protocol/frames.ts`:
 * message type `MESSAGE_TYPES.fireTriangle`, a JSON payload checked on receipt). The server sends
 * a frame type only to connections that asked for it in their `hello` (`NOTICE_HELLO`, sent after
 * every (re)connect), so a stock y-websocket client never receives one.
 */
import {
  checkServerFrame,
  encodeFrame,
  MESSAGE_TYPES,
  readFramePayload,
  type WriteRefusalReason,
} from '@fire-triangle/shared';
import type * as decoding from 'lib0/decoding';

export type { WriteRefusalReason };

/** The y-websocket message type of Fire Triangle's own frames. */
export const FIRE_TRIANGLE_MESSAGE_TYPE = MESSAGE_TYPES.fireTriangle;

/** The frame sent after the socket opens: the server frames this client reads. */
export const NOTICE_HELLO: Uint8Array = encodeFrame({ type: 'hello', accepts: ['write-refused'] });

/** A limit this client refused to cross (`LIMITS` names). */
export type LocalLimit = 'cards' | 'links' | 'boardBytes';

export type SessionNotice =
  /** The server undid a change from this tab (the revert has arrived as a Yjs update). */
  | { kind: 'write-refused'; reasons: WriteRefusalReason[] }
  /** This tab refused an edit that would cross a board limit. */
  | { kind: 'limit'; limit: LocalLimit };

/**
 * Reads a Fire Triangle frame's payload (after its message type) as a notice; null for a frame
 * this client does not know or that does not check (ignored, never thrown: it comes from the
 * network).
 */
export function decodeServerNotice(decoder: decoding.Decoder): SessionNotice | null {
  let frame: ReturnType<typeof checkServerFrame>;
  try {
    frame = checkServerFrame(readFramePayload(decoder));
  } catch {
    return null;
  }
  if (frame.type !== 'write-refused') return null;
  const reasons = [...new Set(frame.refusals.map((refusal) => refusal.reason))];
  return reasons.length > 0 ? { kind: 'write-refused', reasons } : null;
}
