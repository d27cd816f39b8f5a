/**
 * Which of this user's edits the server has acknowledged — the truth behind "N unsynced edits".
 * Pure (no socket, no timer): the session feeds it what happens on the wire, in order.
 *
 * The acknowledgement is a sync-step-1 round trip. The server answers a sync step 1 only after
 * every update it received before it on the same socket is stored (docs/server-spec.md
 * S-DUR-1: the reply is queued behind them), and a socket delivers in order; so the sync step 2
 * answering a step 1 acknowledges every data frame sent before that step 1. The client sends
 * such a step 1 (a *probe*) after it has sent edits; the provider's own step 1 on connect is a
 * probe too. Step 2 replies arrive in the order of the step 1s they answer.
 *
 * An edit is one *operation* of the user (an undo step: a drag, a typed word, a card added),
 * not one Yjs update: typing a title is a few dozen updates and one edit. Updates that belong
 * to the same operation share an `operation` key (the undo stack item); the operation is
 * acknowledged once its last frame is.
 *
 * A data frame is either an update (carries the one transaction just made) or a sync step 2
 * answering the server's step 1 on connect (carries everything the server lacked — every edit
 * not yet acknowledged). When the socket closes, unacknowledged edits wait for the next
 * connection's step 2; probes in flight are forgotten.
 */

interface PendingEdit {
  /** How many edits this record stands for (1; more for edits restored after a reload). */
  weight: number;
  /** The data frame (sequence number) that carried its latest change; null: not sent yet. */
  sentIn: number | null;
}

export interface Probe {
  /** Data frames sent before this probe (it acknowledges frames up to this number). */
  covers: number;
  /** When it was sent or last made progress (ms, the caller's clock). */
  since: number;
}

export class SyncAcks {
  private readonly pending = new Map<unknown, PendingEdit>();
  private probes: Probe[] = [];
  private frames = 0;
  private total = 0;

  /** `restored` edits were unsynced when the page was last closed (they are in the device copy). */
  constructor(restored = 0) {
    if (restored > 0) this.addWeight({}, restored, null);
  }

  /** Edits not yet acknowledged by the server. */
  get unsynced(): number {
    return this.total;
  }

  /** Data frames sent so far on any socket (a probe sent now would cover them all). */
  get dataFrames(): number {
    return this.frames;
  }

  /** A data frame (update or sync step 2) was sent; returns its sequence number. */
  dataSent(kind: 'update' | 'step2'): number {
    this.frames++;
    if (kind === 'step2') {
      // The reply to the server's step 1 carries everything the server lacked.
      for (const edit of this.pending.values()) edit.sentIn = this.frames;
    }
    return this.frames;
  }

  /**
   * A local transaction of `operation` happened; `frame` is the data frame that carried it
   * (the provider sends an update at once while connected), or null when it was not sent.
   */
  localEdit(operation: unknown, frame: number | null): void {
    const existing = this.pending.get(operation);
    if (existing) {
      existing.sentIn = frame;
      return;
    }
    this.addWeight(operation, 1, frame);
  }

  /** Whether some sent data frame is not covered by a probe in flight yet. */
  needsProbe(): boolean {
    const last = this.probes[this.probes.length - 1];
    const lastCovered = last ? last.covers : this.acknowledgedUpTo;
    return this.frames > lastCovered && [...this.pending.values()].some((e) => e.sentIn !== null);
  }

  /** A sync step 1 was sent at `now`. */
  probeSent(now: number): void {
    this.probes.push({ covers: this.frames, since: now });
  }

  /** A sync step 2 arrived: the oldest probe is answered; returns whether the count changed. */
  step2Received(): boolean {
    const probe = this.probes.shift();
    if (!probe) return false;
    this.acknowledgedUpTo = Math.max(this.acknowledgedUpTo, probe.covers);
    let changed = false;
    for (const [operation, edit] of this.pending) {
      if (edit.sentIn !== null && edit.sentIn <= probe.covers) {
        this.pending.delete(operation);
        this.total -= edit.weight;
        changed = true;
      }
    }
    return changed;
  }

  /** The oldest probe still unanswered, or null. */
  oldestProbe(): Probe | null {
    return this.probes[0] ?? null;
  }

  /** Data is still leaving (the socket's send buffer is not empty): probes are not late yet. */
  uploading(now: number): void {
    for (const probe of this.probes) probe.since = now;
  }

  /** The socket closed: what was not acknowledged goes again with the next connection. */
  socketClosed(): void {
    this.probes = [];
    for (const edit of this.pending.values()) edit.sentIn = null;
  }

  private acknowledgedUpTo = 0;

  private addWeight(operation: unknown, weight: number, frame: number | null): void {
    this.pending.set(operation, { weight, sentIn: frame });
    this.total += weight;
  }
}
