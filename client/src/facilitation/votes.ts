/**
 * Dot voting as the cards and panels show it (S-FAC-VOTE-*): which cards are in the vote, this
 * participant's dots on each (from `my-votes`, nobody else's), what a press of "+" or "−" would
 * set, and after the reveal the counts and the sorted results. Pure: the vote comes from the
 * board (`session.vote`), the dots from `FacilitationClient`.
 */
import {
  type CardSnapshot,
  isCardInVote,
  isVoteOpen,
  LANES,
  type Lane,
  type VoteScope,
  type VoteState,
} from '@fire-triangle/shared';
import type { MyVotes } from '../sync/facilitation.ts';

export interface CardVote {
  /** The card can get dots in this vote. */
  inScope: boolean;
  /** This participant's dots on it. */
  mine: number;
  /** Dots may be placed or removed now (the vote is open and this person may vote). */
  open: boolean;
  canAdd: boolean;
  canRemove: boolean;
  /** After the reveal: the card's count (0 when it got none); null before. */
  count: number | null;
}

/** This participant's dots in `vote` (none when `myVotes` is about another vote). */
export function myDots(vote: VoteState, myVotes: MyVotes | null): MyVotes {
  return myVotes?.voteId === vote.id
    ? myVotes
    : { voteId: vote.id, dots: {}, remaining: vote.dotsPerPerson };
}

/**
 * The vote as one card shows it, or null when there is no vote or the card is not in it.
 * `mine`: this participant's dots on the card; `anyLeft`: whether they have dots left.
 */
export function cardVote(
  vote: VoteState | null,
  card: Pick<CardSnapshot, 'id' | 'lane'>,
  mine: number,
  anyLeft: boolean,
  options: { serverNow: number; canVote: boolean },
): CardVote | null {
  if (!vote || !isCardInVote(vote, card)) return null;
  const open = options.canVote && isVoteOpen(vote, options.serverNow);
  const count =
    vote.state === 'revealed'
      ? (vote.results?.find((result) => result.cardId === card.id)?.dots ?? 0)
      : null;
  return {
    inScope: true,
    mine,
    open,
    canAdd: open && anyLeft && mine < vote.maxDotsPerCard,
    canRemove: open && mine > 0,
    count,
  };
}

/** The absolute dots to send for one press of + (`delta` 1) or − (−1), or null when refused. */
export function dotsAfterPress(state: CardVote | null, delta: 1 | -1): number | null {
  if (!state) return null;
  if (delta > 0) return state.canAdd ? state.mine + 1 : null;
  return state.canRemove ? state.mine - 1 : null;
}

export interface ResultRow {
  cardId: string;
  dots: number;
  /** 1 for the most dots; cards with as many dots share a rank. */
  rank: number;
  title: string;
  lane: Lane | null;
}

/**
 * The revealed results as a list — most dots first, then card id, as the server sorted them —
 * with each card's title and lane (null for a card deleted since).
 */
export function resultRows(
  vote: VoteState | null,
  cardOf: (id: string) => Pick<CardSnapshot, 'title' | 'lane'> | undefined,
): ResultRow[] {
  if (vote?.state !== 'revealed' || !vote.results) return [];
  let rank = 0;
  let previous = Number.POSITIVE_INFINITY;
  return vote.results.map((result, index) => {
    if (result.dots < previous) rank = index + 1;
    previous = result.dots;
    const card = cardOf(result.cardId);
    return {
      cardId: result.cardId,
      dots: result.dots,
      rank,
      title: card?.title.trim() ?? '',
      lane: card?.lane ?? null,
    };
  });
}

/**
 * The scope a facilitator chose: the lanes ticked (in `LANES` order), or the selected cards;
 * null when nothing was chosen.
 */
export function voteScope(
  choice: { kind: 'lanes'; lanes: readonly Lane[] } | { kind: 'cards'; cards: readonly string[] },
  maxCards: number,
): VoteScope | null {
  if (choice.kind === 'lanes') {
    const lanes = LANES.filter((lane) => choice.lanes.includes(lane));
    return lanes.length > 0 ? { kind: 'lanes', lanes } : null;
  }
  const cards = [...new Set(choice.cards)];
  return cards.length > 0 && cards.length <= maxCards ? { kind: 'cards', cards } : null;
}
