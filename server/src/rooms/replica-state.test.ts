import { describe, expect, it } from 'vitest';
import { SeqWindow, StoredLog } from './replica-state.ts';

describe('replica state', () => {
  it('[S-SCALE-3] SeqWindow: seqs above a missing one wait above it; the missing one closes the gap', () => {
    const window = new SeqWindow(4);
    expect(window.has(4)).toBe(true);
    window.add(7); // this instance's own append, while 5 and 6 are on their way
    expect([window.through, window.has(7), window.has(5)]).toEqual([4, true, false]);
    window.add(5);
    expect(window.through).toBe(5);
    window.add(6);
    expect(window.through).toBe(7);
    window.add(9);
    window.addThrough(8); // a snapshot covering 8 was applied
    expect(window.through).toBe(9);
    window.reset(3);
    expect([window.through, window.has(9)]).toEqual([3, false]);
  });

  it('[S-SCALE-7] StoredLog: a compaction drops exactly the entries it folded in, and ignores an older one', () => {
    const log = new StoredLog(100, 0);
    log.add(1, 10);
    log.add(2, 20);
    log.add(3, 30);
    expect([log.length, log.bytes]).toEqual([3, 160]);
    log.compacted(2, 50);
    expect([log.length, log.bytes]).toEqual([1, 80]);
    log.add(2, 20); // arriving late, already folded into the snapshot
    expect(log.length).toBe(1);
    log.compacted(1, 10);
    expect(log.bytes).toBe(80);
  });
});
