/**
 * What the connection badge says, derived from the provider's raw signals. Pure, so the rules
 * (when is it "reconnecting" rather than "offline"?) are tested without a network.
 */
import { describeClose, type Language } from '@fire-triangle/shared';

export type ConnectionPhase = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

export interface ConnectionSignals {
  /** `navigator.onLine` and the window's online/offline events. */
  browserOnline: boolean;
  /** The websocket is open. */
  socketOpen: boolean;
  /** The first sync exchange completed on the current socket. */
  synced: boolean;
  /** This tab has been synced with the server at least once. */
  everSynced: boolean;
  /** The server closed the connection for good (4400–4499: bad token, message too large…). */
  closed: ServerClose | null;
}

/** A close the server sent: its code (`CLOSE_CODES` in shared) and its short English reason. */
export interface ServerClose {
  code: number;
  reason: string;
}

export interface ConnectionStatus {
  phase: ConnectionPhase;
  /** Local edits the server has not acknowledged yet (kept in IndexedDB meanwhile). */
  unsyncedEdits: number;
  /** Why the server closed the connection for good; the badge shows `describeClose(code)`. */
  closed: ServerClose | null;
}

export function connectionPhase(signals: ConnectionSignals): ConnectionPhase {
  if (signals.closed !== null) return 'closed';
  if (!signals.browserOnline) return 'offline';
  if (signals.socketOpen && signals.synced) return 'connected';
  return signals.everSynced ? 'reconnecting' : 'connecting';
}

/**
 * Counting unsynced edits: a local edit made while not synced is pending until the next
 * completed sync (the sync exchange sends everything the server lacks). Edits made while synced
 * go out at once on the open socket.
 */
export function nextUnsyncedCount(
  current: number,
  event: { kind: 'local-edit'; synced: boolean } | { kind: 'synced' },
): number {
  if (event.kind === 'synced') return 0;
  return event.synced ? current : current + 1;
}

/**
 * Why the server closed the connection, for a person: the shared message for the code in the
 * reader's language (`describeClose`), else the server's own short English reason, else
 * `unknown(code)`.
 */
export function closeMessage(
  closed: ServerClose,
  language: Language,
  unknown: (code: number) => string,
): string {
  return describeClose(closed.code, language) ?? (closed.reason || unknown(closed.code));
}
