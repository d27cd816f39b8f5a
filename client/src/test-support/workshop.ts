/**
 * Test support for facilitation: a dot vote as the server writes it into `session.vote`
 * (open on the strategy lane, 3 dots per person, 2 per card, no time limit), with changes.
 */
import type { VoteState } from '@fire-triangle/shared';

export function voteState(change: Partial<VoteState> = {}): VoteState {
  return {
    id: 'v_1',
    state: 'open',
    scope: { kind: 'lanes', lanes: ['strategy'] },
    dotsPerPerson: 3,
    maxDotsPerCard: 2,
    startedAt: 0,
    endsAt: null,
    results: null,
    voters: null,
    ...change,
  };
}
