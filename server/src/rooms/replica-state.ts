/**
 * What a room keeps to follow a board other instances also write (S-SCALE-*): which stored
 * seqs its doc holds, what the stored log weighs, and the messages that arrive while it loads.
 */
import type { ServerFrame } from '@fire-triangle/shared';
import type { CatchUpReason, ReplicaListener, ReplicaSignal } from './board-replication.ts';

/**
 * The stored seqs a doc holds: every seq up to `through`, plus some above it — this instance's
 * own appends, which may get their seq while another instance's lower seq is still on its way.
 */
export class SeqWindow {
  private readonly above = new Set<number>();

  constructor(private contiguous: number) {}

  /** Every seq up to this one is in the doc. */
  get through(): number {
    return this.contiguous;
  }

  has(seq: number): boolean {
    return seq <= this.contiguous || this.above.has(seq);
  }

  add(seq: number): void {
    if (this.has(seq)) return;
    if (seq !== this.contiguous + 1) {
      this.above.add(seq);
      return;
    }
    this.contiguous = seq;
    while (this.above.delete(this.contiguous + 1)) this.contiguous += 1;
  }

  /** Every seq up to `seq` is in the doc (a snapshot covering them was applied). */
  addThrough(seq: number): void {
    if (seq <= this.contiguous) return;
    this.contiguous = seq;
    for (const held of this.above) if (held <= seq) this.above.delete(held);
    while (this.above.delete(this.contiguous + 1)) this.contiguous += 1;
  }

  /** The doc is exactly the stored board through `seq` (reloaded from the store). */
  reset(seq: number): void {
    this.contiguous = seq;
    this.above.clear();
  }
}

/**
 * Bytes the board takes in the store — snapshot + log — as the size limit counts them
 * (S-LIMIT-10), and how long the log is (compaction's trigger). Entries are kept by seq, so a
 * compaction another instance made (`compacted`) drops exactly the entries it folded in.
 */
export class StoredLog {
  private readonly entries = new Map<number, number>();
  private logBytes = 0;

  constructor(
    private snapshotBytes: number,
    private snapshotSeq: number,
  ) {}

  get length(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.snapshotBytes + this.logBytes;
  }

  add(seq: number, bytes: number): void {
    if (seq <= this.snapshotSeq || this.entries.has(seq)) return;
    this.entries.set(seq, bytes);
    this.logBytes += bytes;
  }

  /** The log through `throughSeq` was folded into a snapshot of `snapshotBytes`. */
  compacted(throughSeq: number, snapshotBytes: number): void {
    if (throughSeq < this.snapshotSeq) return;
    this.snapshotSeq = throughSeq;
    this.snapshotBytes = snapshotBytes;
    for (const [seq, bytes] of this.entries) {
      if (seq <= throughSeq) {
        this.entries.delete(seq);
        this.logBytes -= bytes;
      }
    }
  }

  /** The stored board as just read: its snapshot and each logged update's seq and size. */
  reset(snapshotBytes: number, snapshotSeq: number, log: { seq: number; bytes: number }[]): void {
    this.entries.clear();
    this.logBytes = 0;
    this.snapshotBytes = snapshotBytes;
    this.snapshotSeq = snapshotSeq;
    for (const { seq, bytes } of log) this.add(seq, bytes);
  }
}

/**
 * Holds what other instances send a room while it is still loading (it subscribes first, then
 * reads the store, so nothing published in between is lost), and hands it over once the room
 * exists; afterwards it forwards at once.
 */
export class ReplicaInbox implements ReplicaListener {
  private target: ReplicaListener | null = null;
  private held: ((listener: ReplicaListener) => void)[] = [];

  attach(target: ReplicaListener): void {
    this.target = target;
    const held = this.held;
    this.held = [];
    for (const call of held) call(target);
  }

  private deliver(call: (listener: ReplicaListener) => void): void {
    if (this.target) call(this.target);
    else this.held.push(call);
  }

  storedUpdate(seq: number, update: Uint8Array): void {
    this.deliver((listener) => listener.storedUpdate(seq, update));
  }
  presence(update: Uint8Array): void {
    this.deliver((listener) => listener.presence(update));
  }
  presenceQuery(): void {
    this.deliver((listener) => listener.presenceQuery());
  }
  frame(frame: ServerFrame): void {
    this.deliver((listener) => listener.frame(frame));
  }
  signal(signal: ReplicaSignal): void {
    this.deliver((listener) => listener.signal(signal));
  }
  compacted(throughSeq: number, snapshotBytes: number): void {
    this.deliver((listener) => listener.compacted(throughSeq, snapshotBytes));
  }
  storedHead(lastSeq: number): void {
    this.deliver((listener) => listener.storedHead(lastSeq));
  }
  catchUp(reason: CatchUpReason): void {
    this.deliver((listener) => listener.catchUp(reason));
  }
}
