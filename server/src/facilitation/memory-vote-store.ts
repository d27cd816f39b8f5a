import type { VoteBallots, VoteStore } from './vote-store.ts';

/** Dots in this process only (lost on exit): `FT_STORE=memory`, tests. */
export class MemoryVoteStore implements VoteStore {
  readonly kind = 'memory';
  private readonly votes = new Map<string, VoteBallots>();
  private closed = false;

  async loadVote(boardId: string, voteId: string): Promise<VoteBallots> {
    this.assertOpen();
    const ballots: VoteBallots = new Map();
    for (const [participant, cards] of this.votes.get(key(boardId, voteId)) ?? []) {
      ballots.set(participant, new Map(cards));
    }
    return ballots;
  }

  async setDots(
    boardId: string,
    voteId: string,
    participantId: string,
    cardId: string,
    dots: number,
  ): Promise<void> {
    this.assertOpen();
    const voteKey = key(boardId, voteId);
    const ballots = this.votes.get(voteKey) ?? new Map<string, Map<string, number>>();
    const cards = ballots.get(participantId) ?? new Map<string, number>();
    if (dots > 0) cards.set(cardId, dots);
    else cards.delete(cardId);
    if (cards.size > 0) ballots.set(participantId, cards);
    else ballots.delete(participantId);
    if (ballots.size > 0) this.votes.set(voteKey, ballots);
    else this.votes.delete(voteKey);
  }

  async deleteVote(boardId: string, voteId: string): Promise<void> {
    this.assertOpen();
    this.votes.delete(key(boardId, voteId));
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the vote store is closed');
  }
}

const key = (boardId: string, voteId: string) => `${boardId}\u0000${voteId}`;
