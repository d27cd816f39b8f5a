/**
 * The facilitator's panel (only a facilitator link shows it; the server refuses every command
 * and setting from anyone else — S-FAC-CMD-2, S-WRITE-2): board settings, stages, locks, the
 * timer, dot voting, the private writing round and "bring everyone to me". Every command's
 * refusal is told in the notice (`useRunCommand`); what a command changes reaches every screen
 * through the board's `session` map.
 */
import {
  type BoardMeta,
  cleanName,
  FACILITATION_LIMITS,
  LANE_COLOURS,
  LANE_LABELS,
  LANES,
  type Lane,
  type Language,
  LIMITS,
} from '@fire-triangle/shared';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useBoardContext } from '../board/BoardContext.ts';
import { limitText } from '../board/textLimit.ts';
import { Icon } from './icons.tsx';
import { minutesToMs } from './timer.ts';
import { useRunCommand, useWorkshop } from './useFacilitation.ts';
import { voteScope } from './votes.ts';

export interface FacilitatorPanelProps {
  meta: BoardMeta;
  /** Cards selected now (a vote on the selected cards). */
  selectedCards: readonly string[];
  onClose(): void;
  /** Sends everyone to this person's view. */
  onBringEveryone(): void;
}

const TIMER_BOUNDS = { min: FACILITATION_LIMITS.timerMinMs, max: FACILITATION_LIMITS.timerMaxMs };
const PRESETS = [3, 5, 10, 15] as const;

export function FacilitatorPanel(props: FacilitatorPanelProps) {
  const { t } = useBoardContext();
  const laneLabels = LANE_LABELS[props.meta.language];
  return (
    <aside
      id="ft-facilitator-panel"
      className="ft-facilitator-panel"
      aria-label={t('fac.panel.title')}
    >
      <header className="ft-facilitator-panel__header">
        <h2>{t('fac.panel.title')}</h2>
        <button
          type="button"
          className="ft-button ft-facilitator-panel__close"
          onClick={props.onClose}
          aria-label={t('fac.panel.close')}
        >
          ✕
        </button>
      </header>
      <div className="ft-facilitator-panel__body">
        <Section title={t('fac.timer.title')} className="ft-fac-timer">
          <TimerControls />
        </Section>
        <Section title={t('fac.stage.title')} className="ft-fac-stages">
          <StageControls laneLabels={laneLabels} />
        </Section>
        <Section title={t('fac.lock.title')} className="ft-fac-locks">
          <LockControls laneLabels={laneLabels} />
        </Section>
        <Section title={t('fac.vote.title')} className="ft-fac-vote">
          <VoteControls laneLabels={laneLabels} selectedCards={props.selectedCards} />
        </Section>
        <Section title={t('fac.private.title')} className="ft-fac-private">
          <PrivateControls />
        </Section>
        <Section title={t('fac.bring.title')} className="ft-fac-bring">
          <p className="ft-fac-hint">{t('fac.bring.hint')}</p>
          <button
            type="button"
            className="ft-button ft-bring-everyone"
            onClick={props.onBringEveryone}
          >
            <Icon name="pin" /> {t('fac.bring.button')}
          </button>
        </Section>
        <Section title={t('fac.settings.title')} className="ft-fac-settings">
          <SettingsForm meta={props.meta} />
        </Section>
      </div>
    </aside>
  );
}

function Section(props: { title: string; className: string; children: ReactNode }) {
  return (
    <section className={`ft-fac-section ${props.className}`}>
      <h3>{props.title}</h3>
      {props.children}
    </section>
  );
}

function TimerControls() {
  const { t } = useBoardContext();
  const run = useRunCommand();
  const timer = useWorkshop((state) => state.workshop.timer);
  const [minutes, setMinutes] = useState('5');
  const customMs = minutesToMs(minutes, TIMER_BOUNDS);
  const start = (durationMs: number) => void run({ name: 'timer-start', durationMs });
  const active = timer.state === 'running' || timer.state === 'paused';
  return (
    <>
      <div className="ft-fac-row">
        {PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className="ft-button ft-timer-preset"
            data-minutes={preset}
            onClick={() => start(preset * 60_000)}
          >
            {t('fac.timer.minutes', { n: preset })}
          </button>
        ))}
      </div>
      <form
        className="ft-fac-row"
        // The minutes are checked here (`minutesToMs`), a fraction of a minute included.
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (customMs !== null) start(customMs);
        }}
      >
        <label className="ft-fac-inline">
          <input
            className="ft-timer-minutes"
            type="number"
            min={1}
            max={FACILITATION_LIMITS.timerMaxMs / 60_000}
            step="any"
            value={minutes}
            aria-invalid={customMs === null}
            onChange={(event) => setMinutes(event.target.value)}
          />
          {t('fac.timer.min')}
        </label>
        <button
          type="submit"
          className="ft-button ft-button--primary ft-timer-start"
          disabled={customMs === null}
        >
          <Icon name="play" /> {active ? t('fac.timer.restart') : t('fac.timer.start')}
        </button>
      </form>
      <div className="ft-fac-row">
        {timer.state === 'paused' ? (
          <button
            type="button"
            className="ft-button ft-timer-resume"
            onClick={() => void run({ name: 'timer-resume' })}
          >
            <Icon name="play" /> {t('fac.timer.resume')}
          </button>
        ) : (
          <button
            type="button"
            className="ft-button ft-timer-pause"
            disabled={timer.state !== 'running'}
            onClick={() => void run({ name: 'timer-pause' })}
          >
            <Icon name="pause" /> {t('fac.timer.pause')}
          </button>
        )}
        <button
          type="button"
          className="ft-button ft-timer-add"
          disabled={timer.state === 'stopped'}
          onClick={() => void run({ name: 'timer-add', ms: 60_000 })}
        >
          +1 {t('fac.timer.min')}
        </button>
        <button
          type="button"
          className="ft-button ft-timer-stop"
          disabled={timer.state === 'stopped'}
          onClick={() => void run({ name: 'timer-stop' })}
        >
          <Icon name="stop" /> {t('fac.timer.stop')}
        </button>
      </div>
    </>
  );
}

function StageControls({ laneLabels }: { laneLabels: Readonly<Record<Lane, string>> }) {
  const { t } = useBoardContext();
  const run = useRunCommand();
  const stage = useWorkshop((state) => state.workshop.stage);
  return (
    <>
      <p className="ft-fac-hint">{t('fac.stage.panelHint')}</p>
      <div className="ft-fac-stages__lanes">
        {LANES.map((lane, index) => (
          <button
            key={lane}
            type="button"
            className={`ft-button ft-stage-button${stage === lane ? ' ft-button--active' : ''}`}
            data-lane={lane}
            aria-pressed={stage === lane}
            style={{ borderLeftColor: LANE_COLOURS[lane] }}
            onClick={() => void run({ name: 'stage', stage: lane })}
          >
            {index + 1}. {laneLabels[lane]}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="ft-button ft-stage-end"
        disabled={stage === null}
        onClick={() => void run({ name: 'stage', stage: null })}
      >
        {t('fac.stage.end')}
      </button>
    </>
  );
}

function LockControls({ laneLabels }: { laneLabels: Readonly<Record<Lane, string>> }) {
  const { t } = useBoardContext();
  const run = useRunCommand();
  const locks = useWorkshop((state) => state.workshop.locks);
  return (
    <>
      <p className="ft-fac-hint">{t('fac.lock.hint')}</p>
      <div className="ft-fac-locks__lanes">
        {LANES.map((lane) => {
          const locked = locks.lanes.includes(lane);
          return (
            <label key={lane} className="ft-fac-check">
              <input
                type="checkbox"
                className="ft-lock-lane"
                data-lane={lane}
                checked={locked}
                disabled={locks.board}
                onChange={() => void run({ name: 'lock', lanes: [lane], locked: !locked })}
              />
              {laneLabels[lane]}
            </label>
          );
        })}
      </div>
      <label className="ft-fac-check ft-fac-check--strong">
        <input
          type="checkbox"
          className="ft-lock-board"
          checked={locks.board}
          onChange={() => void run({ name: 'lock-board', locked: !locks.board })}
        />
        {t('fac.lock.board')}
      </label>
    </>
  );
}

function VoteControls(props: {
  laneLabels: Readonly<Record<Lane, string>>;
  selectedCards: readonly string[];
}) {
  const { t } = useBoardContext();
  const run = useRunCommand();
  const vote = useWorkshop((state) => state.workshop.vote);
  const progress = useWorkshop((state) => state.progress);
  const [newVote, setNewVote] = useState(false);
  if (vote && !newVote) {
    const counts = progress?.voteId === vote.id ? progress : { voters: 0, finished: 0 };
    return (
      <>
        <p className="ft-fac-status" data-state={vote.state}>
          <strong>{t(`fac.vote.state.${vote.state}`)}</strong> ·{' '}
          {vote.state === 'revealed'
            ? t('fac.vote.results', { voters: vote.voters ?? 0 })
            : t('fac.vote.progress', { voters: counts.voters, finished: counts.finished })}
        </p>
        <div className="ft-fac-row">
          {vote.state === 'open' ? (
            <button
              type="button"
              className="ft-button ft-vote-close"
              onClick={() => void run({ name: 'vote-close' })}
            >
              {t('fac.vote.close')}
            </button>
          ) : null}
          {vote.state !== 'revealed' ? (
            <button
              type="button"
              className="ft-button ft-button--primary ft-vote-reveal"
              onClick={() => void run({ name: 'vote-reveal' })}
            >
              {t('fac.vote.reveal')}
            </button>
          ) : (
            <button
              type="button"
              className="ft-button ft-vote-new"
              onClick={() => setNewVote(true)}
            >
              {t('fac.vote.new')}
            </button>
          )}
          <button
            type="button"
            className="ft-button ft-vote-clear"
            onClick={() => void run({ name: 'vote-clear' })}
          >
            {t('fac.vote.clear')}
          </button>
        </div>
      </>
    );
  }
  return (
    <VoteForm
      laneLabels={props.laneLabels}
      selectedCards={props.selectedCards}
      onStarted={() => setNewVote(false)}
      onCancel={vote ? () => setNewVote(false) : undefined}
    />
  );
}

function VoteForm(props: {
  laneLabels: Readonly<Record<Lane, string>>;
  selectedCards: readonly string[];
  onStarted(): void;
  onCancel?: () => void;
}) {
  const { t } = useBoardContext();
  const run = useRunCommand();
  const [kind, setKind] = useState<'lanes' | 'cards'>('lanes');
  const [lanes, setLanes] = useState<Lane[]>(['strategy']);
  const [dots, setDots] = useState(3);
  const [several, setSeveral] = useState(false);
  const [perCard, setPerCard] = useState(2);
  const [timed, setTimed] = useState(false);
  const [minutes, setMinutes] = useState('5');
  const max = FACILITATION_LIMITS.dotsPerPersonMax;
  const scope = voteScope(
    kind === 'lanes' ? { kind, lanes } : { kind, cards: props.selectedCards },
    FACILITATION_LIMITS.voteScopeCardsMax,
  );
  const durationMs = timed ? minutesToMs(minutes, TIMER_BOUNDS) : null;
  const dotsOk = Number.isInteger(dots) && dots >= 1 && dots <= max;
  const maxPerCard = several ? Math.min(Math.max(1, perCard), dots) : 1;
  const ready = scope !== null && dotsOk && (!timed || durationMs !== null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!scope || !ready) return;
    const outcome = await run({
      name: 'vote-start',
      scope,
      dotsPerPerson: dots,
      maxDotsPerCard: maxPerCard,
      durationMs,
    });
    if (outcome.ok) props.onStarted();
  };
  return (
    <form className="ft-vote-form" noValidate onSubmit={submit}>
      <fieldset className="ft-fac-fieldset">
        <legend>{t('fac.vote.scope')}</legend>
        <label className="ft-fac-check">
          <input
            type="radio"
            name="ft-vote-scope"
            className="ft-vote-scope-lanes"
            checked={kind === 'lanes'}
            onChange={() => setKind('lanes')}
          />
          {t('fac.vote.scopeLanes')}
        </label>
        <div className="ft-fac-row ft-fac-row--indent">
          {LANES.map((lane) => (
            <label key={lane} className="ft-fac-check">
              <input
                type="checkbox"
                className="ft-vote-lane"
                data-lane={lane}
                disabled={kind !== 'lanes'}
                checked={lanes.includes(lane)}
                onChange={(event) =>
                  setLanes((current) =>
                    event.target.checked
                      ? [...current, lane]
                      : current.filter((entry) => entry !== lane),
                  )
                }
              />
              {props.laneLabels[lane]}
            </label>
          ))}
        </div>
        <label className="ft-fac-check">
          <input
            type="radio"
            name="ft-vote-scope"
            className="ft-vote-scope-cards"
            checked={kind === 'cards'}
            disabled={props.selectedCards.length === 0}
            onChange={() => setKind('cards')}
          />
          {t('fac.vote.scopeCards', { count: props.selectedCards.length })}
        </label>
      </fieldset>
      <div className="ft-fac-row">
        <label className="ft-fac-inline">
          {t('fac.vote.dots')}
          <input
            className="ft-vote-dots"
            type="number"
            min={1}
            max={max}
            value={Number.isFinite(dots) ? dots : ''}
            aria-invalid={!dotsOk}
            onChange={(event) => setDots(Math.trunc(Number(event.target.value)))}
          />
        </label>
      </div>
      <label className="ft-fac-check">
        <input
          type="checkbox"
          className="ft-vote-several"
          checked={several}
          onChange={(event) => setSeveral(event.target.checked)}
        />
        {t('fac.vote.several')}
      </label>
      {several ? (
        <label className="ft-fac-inline ft-fac-row--indent">
          {t('fac.vote.perCard')}
          <input
            className="ft-vote-max"
            type="number"
            min={1}
            max={dots}
            value={perCard}
            onChange={(event) => setPerCard(Math.trunc(Number(event.target.value)))}
          />
        </label>
      ) : null}
      <label className="ft-fac-check">
        <input
          type="checkbox"
          className="ft-vote-timed"
          checked={timed}
          onChange={(event) => setTimed(event.target.checked)}
        />
        {t('fac.vote.timed')}
      </label>
      {timed ? (
        <label className="ft-fac-inline ft-fac-row--indent">
          <input
            className="ft-vote-minutes"
            type="number"
            min={1}
            step="any"
            value={minutes}
            aria-invalid={durationMs === null}
            onChange={(event) => setMinutes(event.target.value)}
          />
          {t('fac.timer.min')}
        </label>
      ) : null}
      <div className="ft-fac-row">
        <button
          type="submit"
          className="ft-button ft-button--primary ft-vote-start"
          disabled={!ready}
        >
          ● {t('fac.vote.start')}
        </button>
        {props.onCancel ? (
          <button type="button" className="ft-button" onClick={props.onCancel}>
            {t('fac.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function PrivateControls() {
  const { t, ui } = useBoardContext();
  const run = useRunCommand();
  const round = useWorkshop((state) => state.workshop.privateRound);
  const [hideAuthors, setHideAuthors] = useState(true);
  if (round) {
    return (
      <>
        <p className="ft-fac-status">
          <strong>{t('fac.private.running')}</strong>
          {round.hideAuthors ? ` · ${t('fac.private.anonymous')}` : ''}
        </p>
        <button
          type="button"
          className="ft-button ft-button--primary ft-private-end"
          onClick={async () => {
            const outcome = await run({ name: 'private-end' });
            if (outcome.ok) {
              const result = outcome.result ?? {};
              const revealed = t('fac.private.revealed', {
                cards: result.cards ?? 0,
                links: result.links ?? 0,
              });
              const kept = result.keptCards ?? 0;
              ui.getState().notify(
                kept > 0 ? `${revealed} ${t('fac.private.kept', { count: kept })}` : revealed,
              );
            }
          }}
        >
          {t('fac.private.end')}
        </button>
      </>
    );
  }
  return (
    <>
      <p className="ft-fac-hint">{t('fac.private.panelHint')}</p>
      <label className="ft-fac-check">
        <input
          type="checkbox"
          className="ft-private-hide"
          checked={hideAuthors}
          onChange={(event) => setHideAuthors(event.target.checked)}
        />
        {t('fac.private.hideAuthors')}
      </label>
      <button
        type="button"
        className="ft-button ft-button--primary ft-private-start"
        onClick={() => void run({ name: 'private-start', hideAuthors })}
      >
        <Icon name="pen" /> {t('fac.private.start')}
      </button>
    </>
  );
}

/** Title, language and focus limit: written in the doc like any edit; only a facilitator's are
 * kept (S-WRITE-2). */
function SettingsForm({ meta }: { meta: BoardMeta }) {
  const { t, actions, ui } = useBoardContext();
  const [title, setTitle] = useState(meta.title);
  const [language, setLanguage] = useState<Language>(meta.language);
  const [focusLimit, setFocusLimit] = useState(meta.focusLimit);
  // Someone else (another facilitator tab) changed them: show the board's values.
  useEffect(() => setTitle(meta.title), [meta.title]);
  useEffect(() => setLanguage(meta.language), [meta.language]);
  useEffect(() => setFocusLimit(meta.focusLimit), [meta.focusLimit]);
  const focusOk =
    Number.isInteger(focusLimit) && focusLimit >= 1 && focusLimit <= LIMITS.focusLimitMax;
  // The title as the board will keep it (S-NAME-1).
  const cleanTitle = cleanName(title, LIMITS.boardTitleLength);
  const changed =
    cleanTitle !== meta.title || language !== meta.language || focusLimit !== meta.focusLimit;
  return (
    <form
      className="ft-settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!focusOk || !changed) return;
        actions.setSettings({
          ...(cleanTitle !== meta.title ? { title: cleanTitle } : {}),
          ...(language !== meta.language ? { language } : {}),
          ...(focusLimit !== meta.focusLimit ? { focusLimit } : {}),
        });
        ui.getState().notify(t('fac.settings.saved'));
      }}
    >
      <label className="ft-field">
        <span>{t('fac.settings.boardTitle')}</span>
        <input
          className="ft-settings-title"
          value={title}
          onChange={(event) =>
            setTitle(limitText(event.target.value, LIMITS.boardTitleLength).value)
          }
        />
      </label>
      <div className="ft-fac-row">
        <label className="ft-field">
          <span>{t('fac.settings.language')}</span>
          <select
            className="ft-settings-language"
            value={language}
            onChange={(event) => setLanguage(event.target.value as Language)}
          >
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
        <label className="ft-field">
          <span>{t('fac.settings.focusLimit')}</span>
          <input
            className="ft-settings-focus"
            type="number"
            min={1}
            max={LIMITS.focusLimitMax}
            value={Number.isFinite(focusLimit) ? focusLimit : ''}
            aria-invalid={!focusOk}
            onChange={(event) => setFocusLimit(Math.trunc(Number(event.target.value)))}
          />
        </label>
      </div>
      <p className="ft-fac-hint">{t('fac.settings.focusHint')}</p>
      <button
        type="submit"
        className="ft-button ft-button--primary ft-settings-save"
        disabled={!changed || !focusOk}
      >
        {t('fac.settings.save')}
      </button>
    </form>
  );
}
