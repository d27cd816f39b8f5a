/**
 * A map from card or link id to slot, split into 64 small Maps.
 *
 * Why: building one Map of 10,000+ entries grows its hash table past V8's regular object size
 * again and again, and each of those large tables is slow to allocate; on the benchmark
 * machine 10,000 `Map.set` calls into one Map took ten times longer than into 64 small ones
 * (bench: `pnpm bench` in shared/). Lookups cost one extra small hash of the id's last
 * characters. Ids from `newId` end in random hex, so the shards stay even.
 */
const SHARD_COUNT = 64;

function shardOf(id: string): number {
  const length = id.length;
  let hash = length;
  for (let i = Math.max(0, length - 3); i < length; i++) hash = hash * 31 + id.charCodeAt(i);
  return hash & (SHARD_COUNT - 1);
}

export class IdMap {
  private readonly shards: Map<string, number>[] = Array.from(
    { length: SHARD_COUNT },
    () => new Map<string, number>(),
  );
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(id: string): number | undefined {
    return this.shards[shardOf(id)]!.get(id);
  }

  has(id: string): boolean {
    return this.shards[shardOf(id)]!.has(id);
  }

  /** Sets the slot of an id; returns false when the id was already there (and overwrites it). */
  set(id: string, slot: number): boolean {
    const shard = this.shards[shardOf(id)]!;
    const before = shard.size;
    shard.set(id, slot);
    if (shard.size === before) return false;
    this.count++;
    return true;
  }

  delete(id: string): void {
    if (this.shards[shardOf(id)]!.delete(id)) this.count--;
  }
}
