/**
 * The one contract every VoteStore passes ([S-FAC-VOTE-4] in docs/server-spec.md). A backend's
 * test calls `describeVoteStoreContract` with a factory; persistent backends give `reopen`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { VoteStore } from './vote-store.ts';

export interface VoteStoreHarness {
  store: VoteStore;
  /** Persistent stores: close this store and open a new one on the same data. */
  reopen?: () => Promise<VoteStore>;
  cleanup?: () => Promise<void>;
}

const plain = (ballots: Map<string, Map<string, number>>) =>
  Object.fromEntries(
    [...ballots].map(([participant, cards]) => [participant, Object.fromEntries(cards)]),
  );

export function describeVoteStoreContract(
  name: string,
  open: () => Promise<VoteStoreHarness>,
  options: { persistent: boolean },
): void {
  describe(`VoteStore contract: ${name}`, () => {
    let harness: VoteStoreHarness | undefined;
    afterEach(async () => {
      await harness?.store.close().catch(() => {});
      await harness?.cleanup?.();
      harness = undefined;
    });

    it('[S-FAC-VOTE-4] dots are set, changed and removed per participant and card; votes and boards are apart', async () => {
      harness = await open();
      const { store } = harness;
      expect(plain(await store.loadVote('b1', 'v1'))).toEqual({});
      await store.setDots('b1', 'v1', 'p1', 'c1', 2);
      await store.setDots('b1', 'v1', 'p1', 'c2', 1);
      await store.setDots('b1', 'v1', 'p2', 'c1', 1);
      await store.setDots('b1', 'v1', 'p1', 'c1', 3);
      await store.setDots('b1', 'v2', 'p1', 'c9', 1);
      await store.setDots('b2', 'v1', 'p1', 'c8', 1);
      await store.setDots('b1', 'v1', 'p2', 'c1', 0);
      await store.setDots('b1', 'v1', 'p3', 'c1', 0);
      expect(plain(await store.loadVote('b1', 'v1'))).toEqual({ p1: { c1: 3, c2: 1 } });
      // What a caller does with a loaded vote changes nothing stored.
      (await store.loadVote('b1', 'v1')).get('p1')!.set('c1', 50);
      expect(plain(await store.loadVote('b1', 'v1'))).toEqual({ p1: { c1: 3, c2: 1 } });
      await store.deleteVote('b1', 'v1');
      expect(plain(await store.loadVote('b1', 'v1'))).toEqual({});
      expect(plain(await store.loadVote('b1', 'v2'))).toEqual({ p1: { c9: 1 } });
      expect(plain(await store.loadVote('b2', 'v1'))).toEqual({ p1: { c8: 1 } });
    });

    it('[S-FAC-VOTE-4] a closed store refuses further calls', async () => {
      harness = await open();
      await harness.store.close();
      await expect(harness.store.setDots('b', 'v', 'p', 'c', 1)).rejects.toThrow();
    });

    if (options.persistent) {
      it('[S-FAC-VOTE-4] a persistent store gives back every dot after close and reopen', async () => {
        harness = await open();
        await harness.store.setDots('b1', 'v1', 'p1', 'c1', 2);
        await harness.store.setDots('b1', 'v1', 'p2', 'c2', 1);
        const reopened = await harness.reopen!();
        harness.store = reopened;
        expect(plain(await reopened.loadVote('b1', 'v1'))).toEqual({
          p1: { c1: 2 },
          p2: { c2: 1 },
        });
      });
    }
  });
}
