/** Gives a slot back; calling it again does nothing. */
export type ReleaseSlot = () => void;

/**
 * Connection slots per key (a client address, a board), at most `max` each: this process's
 * `AddressSlots`, or counts shared by every instance (`scale/redis-limits.ts`, S-SCALE-5).
 */
export interface ConnectionSlots {
  /** Takes a slot: the function that gives it back, or null when the key is full. */
  tryAcquire(key: string): ReleaseSlot | null | Promise<ReleaseSlot | null>;
}

/**
 * Counts open (and opening) websocket connections per key (a client address, a board), so one
 * key cannot hold more than `max`. A slot is taken during the upgrade — before the websocket
 * exists — and given back exactly once when the connection ends or the upgrade is refused.
 */
export class AddressSlots implements ConnectionSlots {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot; returns the function that gives it back, or null when the address is full. */
  tryAcquire(address: string): ReleaseSlot | null {
    const count = this.counts.get(address) ?? 0;
    if (count >= this.max) return null;
    this.counts.set(address, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const current = this.counts.get(address) ?? 1;
      if (current <= 1) this.counts.delete(address);
      else this.counts.set(address, current - 1);
    };
  }

  count(address: string): number {
    return this.counts.get(address) ?? 0;
  }
}
