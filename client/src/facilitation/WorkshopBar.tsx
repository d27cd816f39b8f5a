/**
 * The workshop as everyone sees it, in one strip under the toolbar: the current stage, a locked
 * board, the private writing round, the dot vote (dots left, progress, results), the timer (the
 * same second on every screen, ringing at the end) — and for the facilitator the button that
 * opens their panel. Nothing is drawn for a participant while nothing is going on.
 */
import { LANE_COLOURS, LANE_LABELS, LANES, type Lane } from '@fire-triangle/shared';
import { useEffect, useRef, useState } from 'react';
import { useBoardContext } from '../board/BoardContext.ts';
import { Icon } from './icons.tsx';
import { Chime, setTimerSound, timerSoundOn } from './sound.ts';
import { shouldChime, timerView } from './timer.ts';
import { useServerNow, useWorkshop } from './useFacilitation.ts';
import { resultRows } from './votes.ts';

/** One chime per page: its audio context is unlocked by the first gesture (`FacilitationLayer`). */
export const pageChime = new Chime();

export interface WorkshopBarProps {
  panelOpen: boolean;
  onTogglePanel(): void;
  /** Selects a card and brings it into view (a row of the vote's results). */
  onShowCard(cardId: string): void;
  /** A card's title and lane, for the results (undefined: deleted). */
  cardOf(id: string): { title: string; lane: Lane } | undefined;
  /** The board's language: lane names. */
  boardLanguage: 'fr' | 'en';
}

export function WorkshopBar(props: WorkshopBarProps) {
  const { role, t } = useBoardContext();
  const workshop = useWorkshop((state) => state.workshop);
  const draft = useWorkshop((state) => state.draft);
  const facilitator = role === 'facilitator';
  const { stage, locks, vote, privateRound, timer } = workshop;
  const busy =
    stage !== null ||
    locks.board ||
    locks.lanes.length > 0 ||
    vote !== null ||
    privateRound !== null ||
    timer.state !== 'stopped' ||
    draft.leftovers > 0;
  if (!busy && !facilitator) return null;
  const laneLabels = LANE_LABELS[props.boardLanguage];
  return (
    <section className="ft-workshop" aria-label={t('fac.bar.label')}>
      <div className="ft-workshop__items">
        {stage ? (
          <span
            className="ft-workshop__chip ft-stage"
            data-stage={stage}
            style={{ borderColor: LANE_COLOURS[stage] }}
          >
            <strong>
              {t('fac.stage.chip', { n: LANES.indexOf(stage) + 1, lane: laneLabels[stage] })}
            </strong>
            <span className="ft-workshop__hint">
              {t('fac.stage.hint', { lane: laneLabels[stage] })}
            </span>
          </span>
        ) : null}
        {locks.board ? (
          <span className="ft-workshop__chip ft-workshop__chip--locked ft-board-lock">
            <Icon name="lock" /> {t('fac.lock.boardChip')}
          </span>
        ) : !stage && locks.lanes.length > 0 ? (
          <span className="ft-workshop__chip ft-workshop__chip--locked ft-lanes-lock">
            <Icon name="lock" />{' '}
            {t('fac.lock.lanesChip', {
              lanes: locks.lanes.map((lane) => laneLabels[lane]).join(', '),
            })}
          </span>
        ) : null}
        {privateRound ? <PrivateChip /> : null}
        {vote ? (
          <VoteChip onShowCard={props.onShowCard} cardOf={props.cardOf} laneLabels={laneLabels} />
        ) : null}
      </div>
      <div className="ft-workshop__end">
        <TimerDisplay />
        {facilitator ? (
          <button
            type="button"
            className={`ft-button ft-facilitate-toggle${props.panelOpen ? ' ft-button--active' : ''}`}
            aria-expanded={props.panelOpen}
            aria-controls="ft-facilitator-panel"
            title={t('fac.panel.toggleKey')}
            onClick={props.onTogglePanel}
          >
            <Icon name="target" /> {t('fac.panel.toggle')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function PrivateChip() {
  const { role, t } = useBoardContext();
  const draft = useWorkshop((state) => state.draft);
  const mineCount = draft.cards;
  if (role === 'viewer') {
    return (
      <span className="ft-workshop__chip ft-private-status">
        <Icon name="pen" /> {t('fac.private.viewerChip')}
      </span>
    );
  }
  return (
    <span
      className="ft-workshop__chip ft-private-status"
      data-connection={draft.connection}
      data-cards={mineCount}
    >
      <strong>
        <Icon name="pen" /> {t('fac.private.chip')}
      </strong>
      <span className="ft-workshop__hint">
        {t('fac.private.hint', { count: mineCount })}
        {draft.connection === 'off' || draft.connection === 'connecting'
          ? ` · ${t('fac.private.onDevice')}`
          : ''}
      </span>
    </span>
  );
}

function VoteChip(props: {
  onShowCard(cardId: string): void;
  cardOf(id: string): { title: string; lane: Lane } | undefined;
  laneLabels: Readonly<Record<Lane, string>>;
}) {
  const { role, t, facilitation } = useBoardContext();
  const vote = useWorkshop((state) => state.workshop.vote);
  const myVotes = useWorkshop((state) => state.myVotes);
  const progress = useWorkshop((state) => state.progress);
  const [resultsOpen, setResultsOpen] = useState(false);
  const revealed = vote?.state === 'revealed';
  // The results open by themselves at the reveal.
  useEffect(() => {
    if (revealed) setResultsOpen(true);
  }, [revealed]);
  const ticking = vote?.state === 'open' && vote.endsAt !== null;
  const serverNow = useServerNow(facilitation, ticking, 1000);
  if (!vote) return null;
  const remaining = myVotes?.voteId === vote.id ? myVotes.remaining : vote.dotsPerPerson;
  const counts =
    progress?.voteId === vote.id && progress.voters > 0
      ? t('fac.vote.progress', { voters: progress.voters, finished: progress.finished })
      : t('fac.vote.noProgress');
  const timeLeft =
    vote.state === 'open' && vote.endsAt !== null
      ? Math.max(0, Math.ceil((vote.endsAt - serverNow) / 1000))
      : null;
  const rows = revealed ? resultRows(vote, props.cardOf) : [];
  return (
    <span className="ft-workshop__chip ft-vote-status" data-state={vote.state}>
      <strong>● {t(`fac.vote.state.${vote.state}`)}</strong>
      {vote.state === 'open' && role !== 'viewer' ? (
        <span className="ft-vote-status__left" data-remaining={remaining}>
          {t('fac.vote.left', { left: remaining, total: vote.dotsPerPerson })}
        </span>
      ) : null}
      {vote.state !== 'revealed' ? <span className="ft-workshop__hint">{counts}</span> : null}
      {timeLeft !== null ? (
        <span className="ft-workshop__hint">
          {t('fac.vote.timeLeft', {
            time: `${Math.floor(timeLeft / 60)}:${String(timeLeft % 60).padStart(2, '0')}`,
          })}
        </span>
      ) : null}
      {revealed ? (
        <span className="ft-menu">
          <button
            type="button"
            className="ft-button ft-vote-results-toggle"
            aria-expanded={resultsOpen}
            onClick={() => setResultsOpen((open) => !open)}
          >
            {t('fac.vote.results', { voters: vote.voters ?? 0 })} ▾
          </button>
          {resultsOpen ? (
            <ol className="ft-vote-results">
              {rows.length === 0 ? (
                <li className="ft-vote-results__none">{t('fac.vote.none')}</li>
              ) : null}
              {rows.map((row) => (
                <li key={row.cardId}>
                  <button
                    type="button"
                    className="ft-vote-result"
                    data-card-id={row.cardId}
                    data-dots={row.dots}
                    onClick={() => props.onShowCard(row.cardId)}
                  >
                    <span className="ft-vote-result__rank">{row.rank}</span>
                    <span
                      className="ft-vote-result__title"
                      style={{ borderColor: row.lane ? LANE_COLOURS[row.lane] : undefined }}
                    >
                      {row.title || (row.lane ? t('card.untitled') : t('fac.vote.deleted'))}
                      {row.lane ? (
                        <span className="ft-vote-result__lane">{props.laneLabels[row.lane]}</span>
                      ) : null}
                    </span>
                    <span className="ft-vote-result__dots">● {row.dots}</span>
                  </button>
                </li>
              ))}
            </ol>
          ) : null}
        </span>
      ) : null}
    </span>
  );
}

/** The countdown, the same on every screen; rings once at the end (sound switchable). */
export function TimerDisplay() {
  const { facilitation, t } = useBoardContext();
  const timer = useWorkshop((state) => state.workshop.timer);
  const serverNow = useServerNow(facilitation, timer.state === 'running');
  const view = timerView(timer, serverNow);
  const [soundOn, setSoundOn] = useState(() => timerSoundOn());
  const [chimes, setChimes] = useState(0);
  const previous = useRef<typeof view.phase | null>(null);
  useEffect(() => {
    if (shouldChime(previous.current, view.phase, timer.endsAt, serverNow)) {
      setChimes((count) => count + 1);
      if (soundOn) pageChime.play();
    }
    previous.current = view.phase;
  }, [view.phase, timer.endsAt, serverNow, soundOn]);
  if (timer.state === 'stopped') return null;
  return (
    <div
      className={`ft-timer ft-timer--${view.phase}${view.urgent ? ' ft-timer--urgent' : ''}`}
      data-phase={view.phase}
      data-remaining={view.seconds}
      data-chimes={chimes}
    >
      <span className="ft-timer__time" role="timer" aria-label={t('fac.timer.label')}>
        {view.text}
      </span>
      {view.phase === 'paused' ? (
        <span className="ft-timer__state">{t('fac.timer.paused')}</span>
      ) : null}
      {view.phase === 'finished' ? (
        <span className="ft-timer__state ft-timer__end" role="alert">
          {t('fac.timer.end')}
        </span>
      ) : null}
      <button
        type="button"
        className="ft-timer__sound"
        aria-pressed={soundOn}
        title={soundOn ? t('fac.timer.soundOff') : t('fac.timer.soundOn')}
        aria-label={soundOn ? t('fac.timer.soundOff') : t('fac.timer.soundOn')}
        onClick={() => {
          setTimerSound(!soundOn);
          setSoundOn(!soundOn);
        }}
      >
        <Icon name={soundOn ? 'bell' : 'bell-off'} />
      </button>
    </div>
  );
}
