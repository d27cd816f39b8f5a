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
  /** This user's edits (operations, not Yjs updates) the server has not acknowledged yet; they
   * are kept in the device copy meanwhile (`syncAcks.ts`). */
  unsyncedEdits: number;
  /** Why the server closed the connection for good; the badge shows `describeClose(code)`. */
  closed: ServerClose | null;
  /** While reconnecting: the transient close that ended the last connection (4500, 1013…), so
   * the badge can say why; null after a network drop or once connected again. */
  lastClose: ServerClose | null;
}

export function connectionPhase(signals: ConnectionSignals): ConnectionPhase {
  if (signals.closed !== null) return 'closed';
  if (!signals.browserOnline) return 'offline';
  if (signals.socketOpen && signals.synced) return 'connected';
  return signals.everSynced ? 'reconnecting' : 'connecting';
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
