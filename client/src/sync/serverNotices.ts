/**
 * Notices: what the session tells the person besides the connection state — a change the server
 * refused and undid, a limit this client refused to cross. The UI turns each into words
 * (`board/sessionNotices.ts`) and shows it in the UI store's notice slot.
 *
 * Server notices travel as Fire Triangle's own websocket frame (BRIEF decision 2), one extra
 * y-websocket message type. That frame is defined in `shared/src/protocol/` on another branch;
 * until it is merged, this file holds the client's half against what that branch defines
 * (`frames.ts` there): message type `FIRE_TRIANGLE_MESSAGE_TYPE` = 100, payload one lib0 string
 * of JSON, the server frame `{"type":"write-refused","refusals":[{"reason","path"?}]}`, and a
 * `hello` the client sends after the socket opens, listing the frames it reads — the server
 * sends frames only to connections that announced them. The hello is OFF here
 * (`NOTICE_HELLO = null`): a server without the frame closes a connection that sends an unknown
 * message type (4400). Wiring the real frame is replacing `decodeServerNotice` with the shared
 * `readFramePayload` + `checkServerFrame` and `NOTICE_HELLO` with
 * `encodeFrame({ type: 'hello', accepts: ['write-refused'] })`.
 */
import * as decoding from 'lib0/decoding';

/** The y-websocket message type of Fire Triangle's own frames (shared `MESSAGE_TYPES.fireTriangle`). */
export const FIRE_TRIANGLE_MESSAGE_TYPE = 100;

/** The frame sent after the socket opens to ask for notices; null while the server lacks them. */
export const NOTICE_HELLO: Uint8Array | null = null;

/** Why the server undid a change (shared `WRITE_REFUSAL_REASONS`). */
export const WRITE_REFUSAL_REASONS = ['server-only', 'facilitator-only', 'unattributable'] as const;
export type WriteRefusalReason = (typeof WRITE_REFUSAL_REASONS)[number];

/** A limit this client refused to cross (`LIMITS` names). */
export type LocalLimit = 'cards' | 'links' | 'boardBytes';

export type SessionNotice =
  /** The server undid a change from this tab (the revert has arrived as a Yjs update). */
  | { kind: 'write-refused'; reasons: WriteRefusalReason[] }
  /** This tab refused an edit that would cross a board limit. */
  | { kind: 'limit'; limit: LocalLimit };

const MAX_PAYLOAD = 4096;
const MAX_REFUSALS = 32;

/**
 * Reads a Fire Triangle frame's payload (after its message type) as a notice; null for a frame
 * this client does not know or that does not check (ignored, never thrown: it comes from the
 * network).
 */
export function decodeServerNotice(decoder: decoding.Decoder): SessionNotice | null {
  let payload: unknown;
  try {
    const text = decoding.readVarString(decoder);
    if (text.length > MAX_PAYLOAD) return null;
    payload = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const frame = payload as { type?: unknown; refusals?: unknown };
  if (frame.type !== 'write-refused' || !Array.isArray(frame.refusals)) return null;
  const reasons = new Set<WriteRefusalReason>();
  for (const refusal of frame.refusals.slice(0, MAX_REFUSALS)) {
    const reason = (refusal as { reason?: unknown } | null)?.reason;
    if ((WRITE_REFUSAL_REASONS as readonly unknown[]).includes(reason)) {
      reasons.add(reason as WriteRefusalReason);
    }
  }
  return reasons.size > 0 ? { kind: 'write-refused', reasons: [...reasons] } : null;
}
