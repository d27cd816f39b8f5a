import {
  CARD_SIZE,
  CARD_TEXT_LIMITS,
  type CardSnapshot,
  type CardTextField,
  drawnCardColour,
  freeSpotInLane,
  LANE_LABELS,
  LANES,
  type Lane,
  type LinkSnapshot,
  laneBand,
} from '@fire-triangle/shared';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { BoardReadModel } from '../sync/boardReadModel.ts';
import type { Participant } from '../sync/useAwareness.ts';
import { useBoardContext, useBoardUi, useCardDecoration } from './BoardContext.ts';
import { sortBySeverity } from './decorations.ts';
import { MergingText } from './MergingText.tsx';

export interface CardInspectorProps {
  cardId: string;
  readModel: BoardReadModel;
  participants: readonly Participant[];
  onClose(): void;
}

const NO_LINKS: readonly LinkSnapshot[] = [];

/**
 * The card open for editing, beside the canvas (a bottom sheet on a phone): every field of the
 * card — title, details, lane, and for a plan its KPI, owner, due date (a date picker) and
 * budget — at the interface's own size whatever the zoom, the card's findings and links. Text
 * fields merge per character with anyone typing in the same card (`MergingText`).
 *
 * When someone else deletes the card meanwhile, the inspector says who and offers to put it back
 * (`restoreCard`) instead of vanishing under the typing hands.
 */
export function CardInspector({ cardId, readModel, participants, onClose }: CardInspectorProps) {
  const { actions, t, boardLanguage, readOnly, ui, deleteCards, duplicateCards } =
    useBoardContext();
  const live = useSyncExternalStore(readModel.subscribe, () => readModel.card(cardId));
  const linkList = useSyncExternalStore(readModel.subscribe, () => readModel.linkList());
  const lost = useBoardUi((state) => state.lostCard);
  // Lanes the facilitator locked for this person (issue #13): their cards are shown, not edited.
  const lockedLanes = useBoardUi((state) => state.lockedLanes);
  const decoration = useCardDecoration(cardId);
  const touching = useMemo(
    () => linkList.filter((link) => link.from === cardId || link.to === cardId),
    [linkList, cardId],
  );
  // The last state seen, to show (and put back) if someone deletes the card.
  const lastSeen = useRef<{ card: CardSnapshot; links: readonly LinkSnapshot[] } | null>(null);
  if (live) lastSeen.current = { card: live, links: touching };
  useEffect(() => {
    if (!live && lastSeen.current && lost?.card.id !== cardId) {
      ui.getState().setLostCard(lastSeen.current);
    }
  }, [live, lost, cardId, ui]);

  const card = live ?? (lost?.card.id === cardId ? lost.card : null);
  if (!card) return null;
  const gone = !live;
  const locked = lockedLanes.has(card.lane);
  const disabled = readOnly || gone || locked;
  const deleter = participants.find(
    (participant) => !participant.isSelf && participant.deleted.includes(cardId),
  );
  const title = card.title.trim() || t('card.untitled');
  const edit = (field: CardTextField | 'dueDate') => (value: string) =>
    actions.editCard(cardId, { [field]: value });
  // Each field stops at its limit (`LIMITS`); text cut from a paste is said in a notice.
  const onCut = (label: string, max: number) =>
    ui.getState().notify(t('limit.cut', { field: label, max }));
  /** One of the card's Y.Text fields (merged per character with anyone typing in it too). */
  const textField = (
    field: CardTextField,
    options: { multiline?: boolean; autoFocus?: boolean } = {},
  ) => (
    <MergingText
      label={t(`card.${field}`)}
      value={card[field]}
      multiline={options.multiline}
      autoFocus={options.autoFocus}
      disabled={disabled}
      max={CARD_TEXT_LIMITS[field]!}
      onCut={onCut}
      onChange={edit(field)}
      className={`ft-card-editor__${field}`}
    />
  );
  const moveToLane = (lane: Lane) => {
    const band = laneBand(lane);
    const others = readModel
      .cardList()
      .filter((other) => other.id !== cardId)
      .map((other) => other.position);
    const wished = { x: card.position.x, y: (band.top + band.bottom) / 2 - CARD_SIZE.height / 2 };
    actions.moveCard(cardId, freeSpotInLane(lane, wished, others));
  };
  const nameOf = (id: string) => {
    const other = readModel.card(id);
    return other ? other.title.trim() || t('card.untitled') : '∅';
  };
  // Linking from the keyboard: the cards one lane up (this card serves them) and one lane down
  // (they serve it), not yet linked to it. Dragging between handles does the same with a pointer.
  const level = LANES.indexOf(card.lane);
  const linked = new Set(touching.flatMap((link) => [link.from, link.to]));
  const candidates = [LANES[level - 1], LANES[level + 1]].flatMap((lane) =>
    lane
      ? readModel
          .cardList()
          .filter((other) => other.lane === lane && !linked.has(other.id))
          .map((other) => ({ id: other.id, lane, title: other.title.trim() || t('card.untitled') }))
      : [],
  );
  const showPlan =
    card.lane === 'plan' || Boolean(card.kpi || card.owner || card.dueDate || card.budget);
  const colour = drawnCardColour(card);

  return (
    <aside
      className={`ft-inspector ft-card-editor${gone ? ' ft-inspector--lost' : ''}`}
      aria-label={t('inspector.label', { title })}
      data-card-id={cardId}
      style={{ borderTopColor: colour }}
    >
      <header className="ft-inspector__header">
        <span className={`ft-lane-chip ft-lane-chip--${card.lane}`}>
          {LANE_LABELS[boardLanguage][card.lane]}
        </span>
        <button
          type="button"
          className="ft-button ft-inspector__close ft-card-editor__done"
          onClick={onClose}
        >
          {t('inspector.close')}
        </button>
      </header>
      {gone ? (
        <div className="ft-inspector__lost" role="alert">
          <span>
            {deleter ? t('inspector.lost', { name: deleter.name }) : t('inspector.lostSomeone')}
          </span>
          {readOnly ? null : (
            <button
              type="button"
              className="ft-button ft-button--primary ft-inspector__restore"
              onClick={() => {
                if (lost && actions.restoreCard(lost.card, lost.links)) {
                  ui.getState().setLostCard(null);
                  ui.getState().notify(t('inspector.restored'));
                }
              }}
            >
              {t('inspector.lostUndo')}
            </button>
          )}
        </div>
      ) : null}
      {/* Fields are remounted when the card comes back, so they read the restored text. */}
      <div className="ft-inspector__fields" key={gone ? 'lost' : 'live'}>
        {textField('title', { autoFocus: !disabled })}
        {textField('body', { multiline: true })}
        <div className="ft-field ft-card-editor__lane">
          <label htmlFor={`lane-${cardId}`}>{t('inspector.lane')}</label>
          <select
            id={`lane-${cardId}`}
            value={card.lane}
            disabled={disabled}
            onChange={(event) => moveToLane(event.target.value as Lane)}
          >
            {LANES.map((lane) => (
              <option key={lane} value={lane} disabled={lockedLanes.has(lane)}>
                {LANE_LABELS[boardLanguage][lane]}
              </option>
            ))}
          </select>
        </div>
        {showPlan ? (
          <fieldset className="ft-card-editor__plan">
            <legend>{LANE_LABELS[boardLanguage].plan}</legend>
            {textField('kpi')}
            {textField('owner')}
            <div className="ft-field ft-card-editor__due">
              <label htmlFor={`due-${cardId}`}>{t('card.dueDate')}</label>
              <div className="ft-field__row">
                {/* A date is picked whole, so it is one plain value (last writer wins). */}
                <input
                  id={`due-${cardId}`}
                  type="date"
                  value={card.dueDate}
                  disabled={disabled}
                  onChange={(event) => edit('dueDate')(event.target.value)}
                />
                {card.dueDate && !disabled ? (
                  <button
                    type="button"
                    className="ft-button ft-card-editor__clear-date"
                    onClick={() => edit('dueDate')('')}
                  >
                    {t('inspector.clearDate')}
                  </button>
                ) : null}
              </div>
            </div>
            {textField('budget')}
          </fieldset>
        ) : null}
      </div>
      {decoration.findings.length > 0 ? (
        <section className="ft-inspector__section">
          <h3>{t('inspector.findings')}</h3>
          <ul className="ft-inspector__findings">
            {sortBySeverity(decoration.findings).map((finding) => (
              <li
                key={finding.rule}
                className={`ft-inspector__finding ft-finding--${finding.severity}`}
                data-rule={finding.rule}
              >
                <strong>{t(`findings.${finding.severity}`)}</strong>{' '}
                {finding.message[boardLanguage]}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="ft-inspector__section">
        <h3>{t('inspector.links')}</h3>
        {(gone ? NO_LINKS : touching).length === 0 ? (
          <p className="ft-inspector__hint">{t('inspector.noLinks')}</p>
        ) : (
          <ul className="ft-inspector__links">
            {touching.map((link) => {
              const serves = link.from === cardId;
              const other = serves ? link.to : link.from;
              return (
                <li key={link.id} data-link-id={link.id}>
                  <span className="ft-inspector__link-kind">
                    {serves ? t('inspector.serves') : t('inspector.servedBy')}
                  </span>{' '}
                  <span className="ft-inspector__link-card">{nameOf(other)}</span>
                  {readOnly ? null : (
                    <button
                      type="button"
                      className="ft-button ft-inspector__unlink"
                      aria-label={t('inspector.unlink', { title: nameOf(other) })}
                      title={t('inspector.unlink', { title: nameOf(other) })}
                      onClick={() => actions.unlink([link.id])}
                    >
                      ×
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {disabled || candidates.length === 0 ? null : (
          <div className="ft-field ft-inspector__link-to">
            <label htmlFor={`link-${cardId}`}>{t('inspector.linkTo')}</label>
            <select
              id={`link-${cardId}`}
              value=""
              onChange={(event) => {
                const other = event.target.value;
                if (!other) return;
                const result = actions.link(cardId, other);
                // A limit is told by the session's notice.
                if (!result.ok && result.reason !== 'limit') {
                  ui.getState().notify(t(`link.refused.${result.reason}`));
                }
              }}
            >
              <option value="">{t('inspector.linkToChoose')}</option>
              {candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {LANE_LABELS[boardLanguage][candidate.lane]}: {candidate.title}
                </option>
              ))}
            </select>
          </div>
        )}
      </section>
      <footer className="ft-inspector__footer">
        {card.author ? (
          <span className="ft-inspector__author">
            {t('inspector.author', { name: card.author })}
          </span>
        ) : null}
        {disabled ? null : (
          <span className="ft-inspector__actions">
            <button
              type="button"
              className="ft-button ft-inspector__duplicate"
              onClick={() => duplicateCards([cardId])}
            >
              {t('card.duplicate')}
            </button>
            <button
              type="button"
              className="ft-button ft-inspector__delete"
              onClick={() => deleteCards([cardId])}
            >
              {t('card.delete')}
            </button>
          </span>
        )}
      </footer>
    </aside>
  );
}
