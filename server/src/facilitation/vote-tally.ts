/**
 * One vote's dots in memory, and the rules for placing them (S-FAC-VOTE-1). The room loads a
 * vote's ballots from the `VoteStore` once, keeps them here, and writes each change through.
 */
import {
  type CommandError,
  isCardInVote,
  isVoteOpen,
  type Lane,
  sortVoteResults,
  type VoteResult,
  type VoteState,
} from '@fire-triangle/shared';
import type { VoteBallots } from './vote-store.ts';

export class VoteTally {
  constructor(
    readonly voteId: string,
    private readonly ballots: VoteBallots,
  ) {}

  /** This participant's dots: card id → dots (a copy). */
  dotsOf(participantId: string): Record<string, number> {
    return Object.fromEntries(this.ballots.get(participantId) ?? []);
  }

  /** Dots this participant has placed in all. */
  placedBy(participantId: string): number {
    let placed = 0;
    for (const dots of this.ballots.get(participantId)?.values() ?? []) placed += dots;
    return placed;
  }

  set(participantId: string, cardId: string, dots: number): void {
    const cards = this.ballots.get(participantId) ?? new Map<string, number>();
    if (dots > 0) cards.set(cardId, dots);
    else cards.delete(cardId);
    if (cards.size > 0) this.ballots.set(participantId, cards);
    else this.ballots.delete(participantId);
  }

  /** Participants with at least one dot, and those who placed all `dotsPerPerson`. */
  progress(dotsPerPerson: number): { voters: number; finished: number } {
    let finished = 0;
    for (const participantId of this.ballots.keys()) {
      if (this.placedBy(participantId) >= dotsPerPerson) finished++;
    }
    return { voters: this.ballots.size, finished };
  }

  /** Every card's count, for cards `exists` still finds, sorted (`VoteState.results`). */
  results(exists: (cardId: string) => boolean): VoteResult[] {
    const totals = new Map<string, number>();
    for (const cards of this.ballots.values()) {
      for (const [cardId, dots] of cards) totals.set(cardId, (totals.get(cardId) ?? 0) + dots);
    }
    return sortVoteResults([...totals].filter(([cardId]) => exists(cardId)));
  }
}

/**
 * Why `participantId` may not have `dots` dots on `card` now, or null when it may. `card` is the
 * card as it is on the board (null when it does not exist); removing dots is always allowed
 * while the vote is open, even from a card that left the scope or the board.
 */
export function refuseDots(
  vote: VoteState | null,
  voteId: string,
  tally: VoteTally,
  participantId: string,
  card: { id: string; lane: Lane } | null,
  cardId: string,
  dots: number,
  serverNow: number,
): CommandError | null {
  if (!vote || vote.id !== voteId) return 'no-vote';
  if (!isVoteOpen(vote, serverNow)) return 'vote-not-open';
  const current = tally.dotsOf(participantId)[cardId] ?? 0;
  if (dots <= current) return null;
  if (!card || !isCardInVote(vote, card)) return 'not-in-vote';
  if (dots > vote.maxDotsPerCard) return 'card-full';
  if (tally.placedBy(participantId) - current + dots > vote.dotsPerPerson) return 'no-dots-left';
  return null;
}
