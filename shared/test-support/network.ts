/**
 * Peers of one board without a server, as Yjs's own TestConnector: every local update is queued
 * for every other peer, and the test decides when each queued update arrives — in a seeded
 * random order — so convergence is tested, not hoped for.
 */
import * as Y from 'yjs';
import type { Random } from './random.ts';

/** Updates applied from the network carry this origin, so they are not sent on again. */
const FROM_NETWORK = Symbol('network');

/**
 * Like Yjs's own TestConnector: every local update is queued for every other peer, and the
 * test decides when each queued update arrives — in a seeded random order.
 */
export class TestNetwork {
  readonly peers: Y.Doc[] = [];
  private readonly inbox: Uint8Array[][] = [];

  constructor(
    count: number,
    private readonly random: Random,
  ) {
    for (let index = 0; index < count; index++) {
      const doc = new Y.Doc();
      // Fixed client ids: Yjs breaks ties by client id, so a replayed seed must reuse them.
      doc.clientID = random.seed * 10 + index + 1;
      this.inbox.push([]);
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === FROM_NETWORK) return;
        this.inbox.forEach((queue, peer) => {
          if (peer !== index) queue.push(update);
        });
      });
      this.peers.push(doc);
    }
  }

  /** Delivers a random share of what is queued, each peer's messages in a shuffled order. */
  deliverSome(share: number): void {
    this.inbox.forEach((queue, peer) => {
      if (queue.length === 0 || !this.random.chance(0.7)) return; // this peer stays behind
      this.random.shuffle(queue);
      const count = Math.ceil(queue.length * share);
      for (const update of queue.splice(0, count)) {
        Y.applyUpdate(this.peers[peer]!, update, FROM_NETWORK);
      }
    });
  }

  /** Delivers everything still queued, in random order. */
  flush(): void {
    this.inbox.forEach((queue, peer) => {
      this.random.shuffle(queue);
      for (const update of queue.splice(0)) Y.applyUpdate(this.peers[peer]!, update, FROM_NETWORK);
    });
  }
}
