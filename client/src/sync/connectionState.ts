/**
 * What the connection badge says, derived from the provider's raw signals. Pure, so the rules
 * (when is it "reconnecting" rather than "offline"?) are tested without a network.
 */
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
  /** The server closed the connection for good (bad token, board gone…), with its reason. */
  closedReason: string | null;
}

export interface ConnectionStatus {
  phase: ConnectionPhase;
  /** Local edits the server has not acknowledged yet (kept in IndexedDB meanwhile). */
  unsyncedEdits: number;
  closedReason: string | null;
}

export function connectionPhase(signals: ConnectionSignals): ConnectionPhase {
  if (signals.closedReason !== null) return 'closed';
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
