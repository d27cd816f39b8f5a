/**
 * Where each participant's dots are kept (S-FAC-VOTE-2, S-FAC-VOTE-4): by the server only, next
 * to the board store, never in the board's doc — the doc syncs to everyone, and a vote must
 * stay secret until the facilitator reveals it. The vote's configuration and, once revealed,
 * its counts are in the doc (`session.vote`, shared `board/session.ts`).
 *
 * Kept small on purpose (a PostgreSQL store joins SQLite and memory under the one contract
 * suite, `vote-store.contract.ts`): the room reads a whole vote once when it needs it and keeps
 * it in memory, writing each change through.
 */

/** Every participant's dots in one vote: participant id → card id → dots (≥ 1). */
export type VoteBallots = Map<string, Map<string, number>>;

/** A stored vote's rows (SQLite, PostgreSQL) as ballots. */
export function ballotsOf(
  rows: readonly { participant_id: string; card_id: string; dots: number }[],
): VoteBallots {
  const ballots: VoteBallots = new Map();
  for (const row of rows) {
    const cards = ballots.get(row.participant_id) ?? new Map<string, number>();
    cards.set(row.card_id, row.dots);
    ballots.set(row.participant_id, cards);
  }
  return ballots;
}

export interface VoteStore {
  /** A short name for logs, e.g. `sqlite`. */
  readonly kind: string;
  /** Every dot placed in a vote (an empty map for a vote nobody voted in, or unknown). */
  loadVote(boardId: string, voteId: string): Promise<VoteBallots>;
  /**
   * Sets one participant's dots on one card (`dots` ≥ 0; 0 removes them). Durable when the
   * promise resolves (SQLite: committed).
   */
  setDots(
    boardId: string,
    voteId: string,
    participantId: string,
    cardId: string,
    dots: number,
  ): Promise<void>;
  /** Forgets every dot of a vote (a new vote replaced it, or it was cleared). */
  deleteVote(boardId: string, voteId: string): Promise<void>;
  /** Flushes and releases the store; later calls fail. */
  close(): Promise<void>;
}
