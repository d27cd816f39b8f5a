/**
 * What facilitation adds to a card (rendered inside `CardNode`): the "only you see this" mark of
 * a private card, the lock of a card in a locked lane, and the dot vote — this participant's own
 * dots with + and − while the vote is open, every card's count once revealed. Each card selects
 * only the numbers it draws, so a dot placed repaints one card.
 */
import type { CardSnapshot } from '@fire-triangle/shared';
import { type MouseEvent, memo } from 'react';
import { useBoardContext } from '../board/BoardContext.ts';
import { Icon } from './icons.tsx';
import { outcomeMessage, useWorkshop } from './useFacilitation.ts';
import { cardVote, dotsAfterPress, myDots } from './votes.ts';

export const CardMarks = memo(function CardMarks(props: {
  card: CardSnapshot;
  draft: boolean;
  locked: boolean;
}) {
  const { card, draft, locked } = props;
  const { t } = useBoardContext();
  return (
    <>
      {draft ? (
        <span className="ft-card__private" title={t('fac.private.cardHint')}>
          <Icon name="eye" /> {t('fac.private.card')}
        </span>
      ) : null}
      {locked ? (
        <span className="ft-card__lock">
          <Icon name="lock" label={t('fac.lock.card')} />
        </span>
      ) : null}
      <CardDots card={card} />
    </>
  );
});

function CardDots({ card }: { card: CardSnapshot }) {
  const { facilitation, role, t, ui, language } = useBoardContext();
  const vote = useWorkshop((state) => state.workshop.vote);
  const mine = useWorkshop((state) =>
    state.workshop.vote ? (myDots(state.workshop.vote, state.myVotes).dots[card.id] ?? 0) : 0,
  );
  const anyLeft = useWorkshop((state) =>
    state.workshop.vote ? myDots(state.workshop.vote, state.myVotes).remaining > 0 : false,
  );
  const state = cardVote(vote, card, mine, anyLeft, {
    serverNow: facilitation.serverNow(),
    canVote: role !== 'viewer',
  });
  if (!state || !vote) return null;
  // A viewer has no dots: before the reveal there is nothing for them to see on a card.
  if (role === 'viewer' && state.count === null) return null;

  const press = (delta: 1 | -1) => async (event: MouseEvent) => {
    event.stopPropagation();
    const dots = dotsAfterPress(state, delta);
    if (dots === null) return;
    const outcome = await facilitation.setDots(card.id, dots);
    const message = outcomeMessage(outcome, language, t);
    if (message) ui.getState().notify(message);
  };

  if (state.count !== null) {
    return (
      <span
        className={`ft-vote-count${state.count > 0 ? '' : ' ft-vote-count--none'}`}
        data-count={state.count}
        title={t('fac.vote.countTitle', { count: state.count })}
      >
        <span aria-hidden="true">●</span> {state.count}
      </span>
    );
  }
  const dots = Array.from({ length: Math.max(state.mine, 0) }, (_, index) => index);
  return (
    <div
      className={`ft-vote nodrag${state.open ? '' : ' ft-vote--closed'}`}
      data-mine={state.mine}
      title={state.open ? t('fac.vote.cardHint') : t('fac.vote.closedHint')}
    >
      {state.open ? (
        <DotButton
          kind="remove"
          disabled={!state.canRemove}
          label={t('fac.vote.remove')}
          onPress={press(-1)}
        />
      ) : null}
      <span
        className="ft-vote__mine"
        data-dots={state.mine}
        role="img"
        aria-label={t('fac.vote.mine', { count: state.mine })}
      >
        {state.mine === 0 ? (
          <span className="ft-vote__dot ft-vote__dot--empty" />
        ) : state.mine <= 5 ? (
          dots.map((index) => <span key={index} className="ft-vote__dot" />)
        ) : (
          <>
            <span className="ft-vote__dot" />×{state.mine}
          </>
        )}
      </span>
      {state.open ? (
        <DotButton
          kind="add"
          disabled={!state.canAdd}
          label={t('fac.vote.add')}
          onPress={press(1)}
        />
      ) : null}
    </div>
  );
}

function DotButton(props: {
  kind: 'add' | 'remove';
  disabled: boolean;
  label: string;
  onPress(event: MouseEvent): void;
}) {
  return (
    <button
      type="button"
      className={`ft-vote__${props.kind}`}
      disabled={props.disabled}
      aria-label={props.label}
      onClick={props.onPress}
    >
      {props.kind === 'add' ? '+' : '−'}
    </button>
  );
}
