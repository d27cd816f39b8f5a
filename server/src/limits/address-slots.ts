/**
 * Counts open (and opening) websocket connections per client address, so one address cannot
 * hold more than `max`. A slot is taken during the upgrade — before the websocket exists — and
 * given back exactly once when the connection ends or the upgrade is refused.
 */
export class AddressSlots {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot; returns the function that gives it back, or null when the address is full. */
  tryAcquire(address: string): (() => void) | null {
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
