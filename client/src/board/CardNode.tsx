import { CARD_SIZE, type CardSnapshot, drawnCardColour, LANE_LABELS } from '@fire-triangle/shared';
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { type CSSProperties, memo, useState } from 'react';
import { CardMarks } from '../facilitation/CardMarks.tsx';
import { type CardFlowNode, HANDLE_DOWN, HANDLE_UP } from '../sync/useBoardNodes.ts';
import {
  useBoardContext,
  useCardDecoration,
  useIsEditing,
  useSearchMatch,
} from './BoardContext.ts';
import { nameTagColours } from './contrast.ts';

/**
 * A card on the triangle: lane colour, title, body, plan fields, findings badge, live marks.
 * How much of it shows depends on the zoom (`viewport.ts` levels of detail, set on the canvas
 * as a class and CSS variables): near, everything; farther, the title alone, larger. Editing
 * happens in the inspector beside the canvas, readable at any zoom — never inside the card.
 */
export const CardNode = memo(function CardNode({ id, data, selected }: NodeProps<CardFlowNode>) {
  const { card } = data;
  const context = useBoardContext();
  const { t, boardLanguage } = context;
  // A card in a lane the facilitator locked is read-only for an editor (issue #13).
  const readOnly = context.readOnly || data.locked;
  const decoration = useCardDecoration(id);
  const editing = useIsEditing(id);
  const match = useSearchMatch(id);
  const [menuOpen, setMenuOpen] = useState(false);

  const classes = [
    'ft-card',
    // React Flow starts a box selection on Shift + pointer down; on a card, Shift + click adds
    // the card to the selection instead (`nokey`: no box from here).
    'nokey',
    `ft-card--${card.lane}`,
    selected ? 'ft-card--selected' : '',
    editing ? 'ft-card--editing' : '',
    match ? 'ft-card--match' : '',
    match === 'current' ? 'ft-card--match-current' : '',
    decoration.worst ? `ft-card--has-${decoration.worst} ft-card--badged` : '',
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
  const runMenu = (action: () => void) => () => {
    setMenuOpen(false);
    action();
  };

  return (
    <div
      className={classes}
      data-card-id={id}
      data-lane={card.lane}
      // The whole title on hover, wherever the level of detail cuts it.
      title={card.title}
      style={
        {
          width: CARD_SIZE.width,
          height: CARD_SIZE.height,
          // A variable, not the border itself: the search greys the cards it did not find.
          '--ft-card-colour': colour,
          outlineColor: remoteColour,
        } as CSSProperties
      }
    >
      <Handle
        type="source"
        position={Position.Top}
        id={HANDLE_UP}
        className="ft-handle ft-handle--up"
        isConnectable={!readOnly}
        // A pointer's way to draw a link; the keyboard's is the inspector's "Link to" list.
        aria-hidden="true"
      />
      {/* The text, apart from the badges and menus that stick out: off screen, the browser
          skips laying it out (content-visibility), which is most of the cost of a zoom that
          crosses a level of detail on a big board. */}
      <div className="ft-card__content">
        <div className="ft-card__lane">{LANE_LABELS[boardLanguage][card.lane]}</div>
        <div className={`ft-card__title${card.title.trim() ? '' : ' ft-card__title--empty'}`}>
          {card.title.trim() || t('card.untitled')}
        </div>
        {card.body ? <div className="ft-card__body">{card.body}</div> : null}
        {card.lane === 'plan' ? <PlanSummary card={card} /> : null}
      </div>
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
      {match ? (
        <span className="ft-card__match" role="img" aria-label={t('card.match')}>
          ⌕
        </span>
      ) : null}
      {decoration.remote.length > 0 ? (
        <div className="ft-card__remote">
          {decoration.remote.map((mark) => (
            <span key={mark.name} style={nameTagColours(mark.colour)}>
              {mark.name}
            </span>
          ))}
        </div>
      ) : null}
      <button
        type="button"
        className="ft-card__menu-button nodrag"
        aria-label={t('card.menu')}
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        // The card is the tab stop; its menu is reached with the mouse or from the inspector.
        tabIndex={-1}
        onClick={(event) => {
          event.stopPropagation();
          setMenuOpen((open) => !open);
        }}
      >
        ⋯
      </button>
      {menuOpen ? (
        <div className="ft-card__menu nodrag" role="menu">
          <button type="button" role="menuitem" onClick={runMenu(() => context.openCard(id))}>
            {readOnly ? t('card.open') : t('card.edit')}
          </button>
          <button type="button" role="menuitem" onClick={runMenu(() => context.copyCards([id]))}>
            {t('card.copy')}
          </button>
          {readOnly ? null : (
            <>
              <button
                type="button"
                role="menuitem"
                onClick={runMenu(() => context.duplicateCards([id]))}
              >
                {t('card.duplicate')}
              </button>
              <button
                type="button"
                role="menuitem"
                className="ft-card__delete"
                onClick={runMenu(() => context.deleteCards([id]))}
              >
                {t('card.delete')}
              </button>
            </>
          )}
        </div>
      ) : null}
      <Handle
        type="source"
        position={Position.Bottom}
        id={HANDLE_DOWN}
        className="ft-handle ft-handle--down"
        isConnectable={!readOnly}
        aria-hidden="true"
      />
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
