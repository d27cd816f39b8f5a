import {
  CARD_SIZE,
  CARD_TEXT_LIMITS,
  type CardSnapshot,
  characterCount,
  drawnCardColour,
  LANE_LABELS,
} from '@fire-triangle/shared';
import { Handle, type NodeProps, Position } from '@xyflow/react';
import {
  type ChangeEvent,
  type KeyboardEvent,
  memo,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { CardMarks } from '../facilitation/CardMarks.tsx';
import { type CardFlowNode, HANDLE_DOWN, HANDLE_UP } from '../sync/useBoardNodes.ts';
import { useBoardContext, useCardDecoration, useIsEditing } from './BoardContext.ts';
import { shiftCaret } from './caret.ts';
import { LimitCounter } from './LimitCounter.tsx';
import { limitText } from './textLimit.ts';

/** A card on the triangle: lane colour, title, body, plan fields, findings badge, live marks. */
export const CardNode = memo(function CardNode({ id, data, selected }: NodeProps<CardFlowNode>) {
  const { card } = data;
  const context = useBoardContext();
  const { t, boardLanguage } = context;
  // A card in a lane the facilitator locked is read-only for an editor (issue #13).
  const readOnly = context.readOnly || data.locked;
  const decoration = useCardDecoration(id);
  const editing = useIsEditing(id);
  const [menuOpen, setMenuOpen] = useState(false);

  const classes = [
    'ft-card',
    `ft-card--${card.lane}`,
    selected ? 'ft-card--selected' : '',
    decoration.worst ? `ft-card--has-${decoration.worst}` : '',
    decoration.chain ? `ft-card--chain ft-card--chain-${decoration.chain}` : '',
    decoration.remote.length > 0 ? 'ft-card--remote-selected' : '',
    data.draft ? 'ft-card--private' : '',
    data.locked ? 'ft-card--locked' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const findingText = decoration.findings
    .map((finding) => `• ${finding.message[boardLanguage]}`)
    .join('\n');
  const remoteColour = decoration.remote[0]?.colour;
  const colour = drawnCardColour(card);

  return (
    <div
      className={classes}
      data-card-id={id}
      data-lane={card.lane}
      style={{
        width: CARD_SIZE.width,
        height: CARD_SIZE.height,
        borderTopColor: colour,
        outlineColor: remoteColour,
      }}
    >
      <Handle
        type="source"
        position={Position.Top}
        id={HANDLE_UP}
        className="ft-handle ft-handle--up"
        isConnectable={!readOnly}
      />
      <div className="ft-card__lane" style={{ color: colour }}>
        {LANE_LABELS[boardLanguage][card.lane]}
      </div>
      <div className={`ft-card__title${card.title.trim() ? '' : ' ft-card__title--empty'}`}>
        {card.title.trim() || t('card.untitled')}
      </div>
      {card.body ? <div className="ft-card__body">{card.body}</div> : null}
      {card.lane === 'plan' ? <PlanSummary card={card} /> : null}
      <CardMarks card={card} draft={data.draft} locked={data.locked} />
      {decoration.findings.length > 0 ? (
        <span
          className={`ft-card__badge ft-card__badge--${decoration.worst}`}
          title={findingText}
          role="img"
          aria-label={`${t('card.findings', { count: decoration.findings.length })}: ${findingText}`}
        >
          {decoration.findings.length}
        </span>
      ) : null}
      {decoration.remote.length > 0 ? (
        <div className="ft-card__remote">
          {decoration.remote.map((mark) => (
            <span key={mark.name} style={{ background: mark.colour }}>
              {mark.name}
            </span>
          ))}
        </div>
      ) : null}
      {readOnly ? null : (
        <button
          type="button"
          className="ft-card__menu-button nodrag"
          aria-label={t('card.menu')}
          aria-expanded={menuOpen}
          onClick={(event) => {
            event.stopPropagation();
            setMenuOpen((open) => !open);
          }}
        >
          ⋯
        </button>
      )}
      {menuOpen && !readOnly ? (
        <div className="ft-card__menu nodrag" role="menu">
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setMenuOpen(false);
              context.ui.getState().edit(id);
            }}
          >
            {t('card.edit')}
          </button>
          <button
            type="button"
            role="menuitem"
            className="ft-card__delete"
            onClick={() => {
              setMenuOpen(false);
              context.deleteCards([id]);
            }}
          >
            {t('card.delete')}
          </button>
        </div>
      ) : null}
      <Handle
        type="source"
        position={Position.Bottom}
        id={HANDLE_DOWN}
        className="ft-handle ft-handle--down"
        isConnectable={!readOnly}
      />
      {editing && !readOnly ? <CardEditor card={card} /> : null}
    </div>
  );
});

function PlanSummary({ card }: { card: CardSnapshot }) {
  const { t } = useBoardContext();
  const fields = [
    ['kpi', card.kpi],
    ['owner', card.owner],
    ['dueDate', card.dueDate],
    ['budget', card.budget],
  ] as const;
  return (
    <dl className="ft-card__plan">
      {fields.map(([field, value]) => (
        <div key={field} className={value ? '' : 'ft-card__plan--missing'}>
          <dt>{t(`card.${field}`)}</dt>
          <dd>{value || '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Edit in place. Every keystroke goes to the doc as a minimal splice (`editCard` →
 * `replaceText`), so two people typing in one card merge; the caret is kept in place when
 * someone else's text lands before it.
 */
function CardEditor({ card }: { card: CardSnapshot }) {
  const { actions, t, ui } = useBoardContext();
  // Each field stops at its limit (`LIMITS`); text cut from a paste is said in a notice.
  const onCut = (label: string, max: number) =>
    ui.getState().notify(t('limit.cut', { field: label, max }));
  const close = () => ui.getState().edit(null);
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape' || (event.key === 'Enter' && (event.metaKey || event.ctrlKey))) {
      close();
    }
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keys typed in the editor must not reach the canvas shortcuts
    <div className="ft-card-editor nodrag nowheel nopan" onKeyDown={onKeyDown}>
      <MergingText
        label={t('card.title')}
        value={card.title}
        max={CARD_TEXT_LIMITS.title!}
        onCut={onCut}
        autoFocus
        onChange={(title) => actions.editCard(card.id, { title })}
        className="ft-card-editor__title"
      />
      <MergingText
        label={t('card.body')}
        value={card.body}
        max={CARD_TEXT_LIMITS.body!}
        onCut={onCut}
        multiline
        onChange={(body) => actions.editCard(card.id, { body })}
        className="ft-card-editor__body"
      />
      {card.lane === 'plan' ? (
        <div className="ft-card-editor__plan">
          <PlainField
            label={t('card.kpi')}
            value={card.kpi}
            max={CARD_TEXT_LIMITS.kpi!}
            onCut={onCut}
            onChange={(kpi) => actions.editCard(card.id, { kpi })}
          />
          <PlainField
            label={t('card.owner')}
            value={card.owner}
            max={CARD_TEXT_LIMITS.owner!}
            onCut={onCut}
            onChange={(owner) => actions.editCard(card.id, { owner })}
          />
          <PlainField
            label={t('card.dueDate')}
            value={card.dueDate}
            type="date"
            onChange={(dueDate) => actions.editCard(card.id, { dueDate })}
          />
          <PlainField
            label={t('card.budget')}
            value={card.budget}
            max={CARD_TEXT_LIMITS.budget!}
            onCut={onCut}
            onChange={(budget) => actions.editCard(card.id, { budget })}
          />
        </div>
      ) : null}
      <button type="button" className="ft-button ft-card-editor__done" onClick={close}>
        {t('card.done')}
      </button>
    </div>
  );
}

function PlainField(props: {
  label: string;
  value: string;
  type?: string;
  /** Most characters (`LIMITS`); none for a date. */
  max?: number;
  onCut?(label: string, max: number): void;
  onChange(value: string): void;
}) {
  const { max } = props;
  return (
    <label className="ft-field">
      <span>{props.label}</span>
      <input
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(event) => {
          if (max === undefined) return props.onChange(event.target.value);
          const limited = limitText(event.target.value, max);
          if (limited.cut) props.onCut?.(props.label, max);
          props.onChange(limited.value);
        }}
      />
      {max === undefined ? null : <LimitCounter count={characterCount(props.value)} max={max} />}
    </label>
  );
}

function MergingText(props: {
  label: string;
  value: string;
  multiline?: boolean;
  autoFocus?: boolean;
  className?: string;
  /** Most characters (`LIMITS`): typing stops there, a paste is cut and `onCut` says so. */
  max: number;
  onCut(label: string, max: number): void;
  /** Returns false when the change was not written (the board is full, the card is gone). */
  onChange(value: string): boolean | undefined;
}) {
  // Uncontrolled on purpose: a controlled input would have React overwrite the text and throw
  // the caret to the end before we could see where it was. Here a remote edit is applied by
  // hand, moving the caret by what was inserted or deleted before it.
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || element.value === props.value) return;
    if (document.activeElement === element) {
      const start = shiftCaret(element.value, props.value, element.selectionStart ?? 0);
      const end = shiftCaret(element.value, props.value, element.selectionEnd ?? 0);
      element.value = props.value;
      element.setSelectionRange(start, end);
    } else {
      element.value = props.value;
    }
  }, [props.value]);
  // A new node stays `visibility: hidden` until React Flow has measured it, and a hidden input
  // cannot take the focus: retry for a few frames so typing right away goes into the title.
  const { autoFocus } = props;
  useEffect(() => {
    if (!autoFocus) return;
    let frame = 0;
    let tries = 0;
    const tryFocus = () => {
      const element = ref.current;
      if (!element) return;
      element.focus();
      if (document.activeElement !== element && tries++ < 30) {
        frame = requestAnimationFrame(tryFocus);
      }
    };
    frame = requestAnimationFrame(tryFocus);
    return () => cancelAnimationFrame(frame);
  }, [autoFocus]);
  const onChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const element = event.target;
    const limited = limitText(element.value, props.max);
    if (limited.cut) {
      // Keep what fits; the caret stays where the cut text ended.
      const caret = Math.min(element.selectionStart ?? limited.value.length, limited.value.length);
      element.value = limited.value;
      element.setSelectionRange(caret, caret);
      props.onCut(props.label, props.max);
    }
    // Not written: show the doc's text again rather than text that exists nowhere else.
    if (props.onChange(limited.value) === false) element.value = props.value;
  };
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the input or textarea below
    <label className={`ft-field ${props.className ?? ''}`}>
      <span>{props.label}</span>
      {props.multiline ? (
        <textarea ref={ref} rows={3} defaultValue={props.value} onChange={onChange} />
      ) : (
        <input
          ref={ref}
          type="text"
          defaultValue={props.value}
          // biome-ignore lint/a11y/noAutofocus: the editor opens because the user asked to type
          autoFocus={props.autoFocus}
          onChange={onChange}
        />
      )}
      <LimitCounter count={characterCount(props.value)} max={props.max} />
    </label>
  );
}
