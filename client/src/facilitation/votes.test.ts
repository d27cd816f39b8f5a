import { describe, expect, it } from 'vitest';
import { voteState } from '../test-support/workshop.ts';
import { cardVote, dotsAfterPress, myDots, resultRows, voteScope } from './votes.ts';

const vote = voteState;
const strategy = { id: 'c_s', lane: 'strategy' as const };
const tactic = { id: 'c_t', lane: 'tactic' as const };
const now = { serverNow: 1_000, canVote: true };

describe('dot voting as cards show it', () => {
  it('[vote/card] in scope, own dots, + and − within the vote’s rules', () => {
    expect(cardVote(null, strategy, 0, true, now)).toBeNull();
    expect(cardVote(vote(), tactic, 0, true, now)).toBeNull();
    const fresh = cardVote(vote(), strategy, 0, true, now)!;
    expect(fresh).toMatchObject({ mine: 0, open: true, canAdd: true, canRemove: false });
    expect(dotsAfterPress(fresh, 1)).toBe(1);
    expect(dotsAfterPress(fresh, -1)).toBeNull();
    // At the per-card maximum: no more here; none left: nowhere.
    const full = cardVote(vote(), strategy, 2, true, now)!;
    expect(full.canAdd).toBe(false);
    expect(dotsAfterPress(full, -1)).toBe(1);
    expect(cardVote(vote(), strategy, 1, false, now)!.canAdd).toBe(false);
    // A viewer, a closed vote, a vote past its time limit: nothing to press.
    expect(cardVote(vote(), strategy, 1, true, { ...now, canVote: false })!.open).toBe(false);
    expect(cardVote(vote({ state: 'closed' }), strategy, 1, true, now)!.canRemove).toBe(false);
    expect(cardVote(vote({ endsAt: 900 }), strategy, 1, true, now)!.open).toBe(false);
    // A vote on listed cards.
    const listed = vote({ scope: { kind: 'cards', cards: ['c_t'] } });
    expect(cardVote(listed, tactic, 0, true, now)?.inScope).toBe(true);
    expect(cardVote(listed, strategy, 0, true, now)).toBeNull();
  });

  it('[vote/hidden] before the reveal a card shows only this person’s dots, no count', () => {
    expect(cardVote(vote(), strategy, 2, true, now)!.count).toBeNull();
    expect(myDots(vote(), { voteId: 'v_old', dots: { c_s: 3 }, remaining: 0 })).toEqual({
      voteId: 'v_1',
      dots: {},
      remaining: 3,
    });
  });

  it('[vote/tally] after the reveal every card in scope shows its count, zero included; the results are ranked', () => {
    const revealed = vote({
      state: 'revealed',
      results: [
        { cardId: 'c_a', dots: 5 },
        { cardId: 'c_b', dots: 5 },
        { cardId: 'c_s', dots: 2 },
        { cardId: 'c_gone', dots: 1 },
      ],
      voters: 4,
    });
    expect(cardVote(revealed, strategy, 0, true, now)!.count).toBe(2);
    expect(cardVote(revealed, { id: 'c_z', lane: 'strategy' }, 0, true, now)!.count).toBe(0);
    const cards: Record<string, { title: string; lane: 'strategy' }> = {
      c_a: { title: ' Win retailers ', lane: 'strategy' },
      c_b: { title: 'Go upmarket', lane: 'strategy' },
      c_s: { title: '', lane: 'strategy' },
    };
    expect(resultRows(revealed, (id) => cards[id])).toEqual([
      { cardId: 'c_a', dots: 5, rank: 1, title: 'Win retailers', lane: 'strategy' },
      { cardId: 'c_b', dots: 5, rank: 1, title: 'Go upmarket', lane: 'strategy' },
      { cardId: 'c_s', dots: 2, rank: 3, title: '', lane: 'strategy' },
      { cardId: 'c_gone', dots: 1, rank: 4, title: '', lane: null },
    ]);
    expect(resultRows(vote(), () => undefined)).toEqual([]);
  });

  it('[vote/scope] lanes in triangle order, or the selected cards within the limit', () => {
    expect(voteScope({ kind: 'lanes', lanes: ['tactic', 'objective'] }, 300)).toEqual({
      kind: 'lanes',
      lanes: ['objective', 'tactic'],
    });
    expect(voteScope({ kind: 'lanes', lanes: [] }, 300)).toBeNull();
    expect(voteScope({ kind: 'cards', cards: ['a', 'a', 'b'] }, 300)).toEqual({
      kind: 'cards',
      cards: ['a', 'b'],
    });
    expect(voteScope({ kind: 'cards', cards: ['a', 'b'] }, 1)).toBeNull();
  });
});
