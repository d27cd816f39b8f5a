import {
  alignmentScore,
  BoardImportError,
  BoardValidator,
  CARD_SIZE,
  cardChain,
  type Finding,
  halfWidthAt,
  LANE_HEIGHT,
  LANE_LABELS,
  LANES,
  type Lane,
  laneAt,
  laneBand,
  type Point,
  TRIANGLE,
} from '@fire-triangle/shared';
import { type Connection, useReactFlow } from '@xyflow/react';
import {
  type MouseEvent as ReactMouseEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { BoardInfo } from '../api/boards.ts';
import { renderBoardSvg } from '../export/boardSvg.ts';
import { download, fileStem, svgToPng } from '../export/rasterize.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { buildStrategyReport } from '../report/strategyReport.ts';
import { useAwareness } from '../sync/useAwareness.ts';
import { type BoardConnection, useBoardHistory } from '../sync/useBoardConnection.ts';
import { useStructureVersion } from '../sync/useBoardNodes.ts';
import { BoardContext, type BoardContextValue, EditingStore } from './BoardContext.ts';
import { DecorationStore, type RemoteMark } from './decorations.ts';
import { type CanvasSelection, FlowCanvas } from './FlowCanvas.tsx';
import { Logo } from './Logo.tsx';
import { ConnectionBadge, FindingsPanel, PresenceList, ScoreBadge } from './Panels.tsx';
import { RemoteCursors } from './RemoteCursors.tsx';
import { Toolbar } from './Toolbar.tsx';

const TRIANGLE_BOUNDS = { x: 0, y: 0, width: TRIANGLE.width, height: TRIANGLE.height };
/** A spot for a new card in a lane when no pointer says where: somewhere along the band. */
function spotInLane(lane: Lane, random: () => number = Math.random): Point {
  const band = laneBand(lane);
  const y = band.top + LANE_HEIGHT / 2 - CARD_SIZE.height / 2 + (random() - 0.5) * 60;
  const half = halfWidthAt(y) * 0.8;
  const x = TRIANGLE.width / 2 - half + random() * Math.max(0, 2 * half - CARD_SIZE.width);
  return { x, y };
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

export interface BoardCanvasProps {
  connection: BoardConnection;
  info: BoardInfo;
  userName: string;
}

export function BoardCanvas({ connection, info, userName }: BoardCanvasProps) {
  const { store, actions } = connection;
  const { t } = useI18n();
  const readOnly = info.role === 'viewer';
  // Only structural changes re-render the board around the canvas (not every drag frame).
  const structureVersion = useStructureVersion(store);
  const meta = store.getMeta();
  const boardLanguage = meta.language;
  const selectionRef = useRef<CanvasSelection | null>(null);
  const [selection, setSelection] = useState<{ cards: string[]; links: string[] }>({
    cards: [],
    links: [],
  });
  const onSelectionChange = useCallback(
    (cards: string[], links: string[]) => setSelection({ cards, links }),
    [],
  );
  const board = useMemo(
    () => ({
      // Re-filtered on structural changes: a selected card someone deleted drops out.
      selectedCards: selection.cards.filter((id) => structureVersion >= 0 && store.hasCard(id)),
      selectedLinks: selection.links,
      select: (cards: string[], links: string[] = []) => selectionRef.current?.select(cards, links),
    }),
    [selection, store, structureVersion],
  );
  const history = useBoardHistory(connection);
  const presence = useAwareness(connection, { name: userName, role: info.role });
  const reactFlow = useReactFlow();
  const [notice, setNotice] = useState<string | null>(null);
  const [importIssues, setImportIssues] = useState<BoardImportError | null>(null);
  const pointer = useRef<Point | null>(null);

  // The validator runs on every change that can alter a finding (not on every drag frame).
  const validator = useMemo(() => new BoardValidator(), []);
  const validation = useMemo(() => {
    void structureVersion;
    const snapshot = store.snapshot();
    return { findings: validator.update(snapshot), score: alignmentScore(snapshot) };
  }, [store, validator, structureVersion]);

  const selectedCard = board.selectedCards.length === 1 ? board.selectedCards[0]! : null;
  const chain = useMemo(() => {
    void structureVersion;
    if (!selectedCard || !store.hasCard(selectedCard)) return null;
    return cardChain(store.snapshot(), selectedCard);
  }, [selectedCard, store, structureVersion]);

  const decorations = useMemo(() => new DecorationStore(), []);
  const editing = useMemo(() => new EditingStore(), []);
  useLayoutEffect(() => {
    const remoteSelections = new Map<string, RemoteMark[]>();
    for (const participant of presence.participants) {
      if (participant.isSelf) continue;
      for (const id of participant.selection) {
        const marks = remoteSelections.get(id) ?? [];
        marks.push({ name: participant.name, colour: participant.colour });
        remoteSelections.set(id, marks);
      }
    }
    decorations.update({
      findings: validation.findings,
      chain: {
        selected: chain ? selectedCard : null,
        upCards: chain?.up.cards ?? [],
        downCards: chain?.down.cards ?? [],
        links: chain ? [...chain.up.links, ...chain.down.links] : [],
      },
      remoteSelections,
    });
  }, [decorations, validation.findings, chain, selectedCard, presence.participants]);

  useEffect(() => {
    presence.setSelection(selection.cards);
  }, [presence.setSelection, selection.cards]);

  const deleteCards = useCallback(
    (ids: string[]) => {
      if (readOnly || ids.length === 0) return;
      if (ids.includes(editing.get() ?? '')) editing.set(null);
      actions.deleteCards(ids);
    },
    [actions, editing, readOnly],
  );

  const context = useMemo<BoardContextValue>(
    () => ({ actions, readOnly, boardLanguage, t, decorations, editing, deleteCards }),
    [actions, readOnly, boardLanguage, t, decorations, editing, deleteCards],
  );

  const createCard = useCallback(
    (lane: Lane, at?: Point) => {
      if (readOnly) return;
      const position = at
        ? { x: at.x - CARD_SIZE.width / 2, y: at.y - CARD_SIZE.height / 2 }
        : spotInLane(lane);
      const id = actions.addCard(lane, position);
      board.select([id]);
      editing.set(id);
    },
    [actions, board.select, editing, readOnly],
  );

  const fitTriangle = useCallback(() => {
    void reactFlow.fitBounds(TRIANGLE_BOUNDS, { padding: 0.04, duration: 200 });
  }, [reactFlow]);

  const onConnect = useCallback(
    (connectionParams: Connection) => {
      if (readOnly) return;
      const result = actions.link(connectionParams.source, connectionParams.target);
      if (!result.ok) setNotice(t(`link.refused.${result.reason}`));
    },
    [actions, readOnly, t],
  );

  const focusFinding = useCallback(
    (finding: Finding) => {
      let centre: Point | null = null;
      const cardCentre = (id: string): Point | null => {
        const card = store.card(id);
        return card
          ? { x: card.position.x + CARD_SIZE.width / 2, y: card.position.y + CARD_SIZE.height / 2 }
          : null;
      };
      if (finding.target.kind === 'card') {
        centre = cardCentre(finding.target.id);
        if (centre) board.select([finding.target.id]);
      } else {
        const link = store.linkList().find((candidate) => candidate.id === finding.target.id);
        if (link) {
          const ends = [cardCentre(link.from), cardCentre(link.to)].filter(
            (point): point is Point => point !== null,
          );
          if (ends.length > 0) {
            centre = {
              x: ends.reduce((sum, point) => sum + point.x, 0) / ends.length,
              y: ends.reduce((sum, point) => sum + point.y, 0) / ends.length,
            };
          }
          board.select([], [link.id]);
        }
      }
      if (centre) {
        void reactFlow.setCenter(centre.x, centre.y, {
          zoom: Math.max(reactFlow.getZoom(), 0.9),
          duration: 300,
        });
      }
    },
    [board.select, reactFlow, store],
  );

  const describeTarget = useCallback(
    (finding: Finding) => {
      const name = (id: string) => {
        const card = store.card(id);
        if (!card) return '∅';
        return card.title.trim() || t('card.untitled');
      };
      if (finding.target.kind === 'card') return name(finding.target.id);
      const link = store.linkList().find((candidate) => candidate.id === finding.target.id);
      return link ? `${name(link.from)} → ${name(link.to)}` : t('link.broken');
    },
    [store, t],
  );

  // Keyboard: N, Delete, arrows, Escape, undo/redo. Typing in a field is left alone.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && (event.key === 'z' || event.key === 'Z')) {
        if (isTyping(event.target)) return;
        event.preventDefault();
        if (readOnly) return;
        if (event.shiftKey) history.redo();
        else history.undo();
        return;
      }
      if (mod && (event.key === 'y' || event.key === 'Y')) {
        if (isTyping(event.target) || readOnly) return;
        event.preventDefault();
        history.redo();
        return;
      }
      if (event.key === 'Escape') {
        editing.set(null);
        if (!isTyping(event.target)) board.select([]);
        return;
      }
      if (isTyping(event.target) || mod || event.altKey) return;
      if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        const at = pointer.current;
        createCard(at ? laneAt(at) : 'tactic', at ?? undefined);
        return;
      }
      if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        deleteCards(board.selectedCards);
        if (!readOnly) actions.unlink(board.selectedLinks);
        return;
      }
      const step = event.shiftKey ? 50 : 10;
      const delta: Record<string, Point> = {
        ArrowLeft: { x: -step, y: 0 },
        ArrowRight: { x: step, y: 0 },
        ArrowUp: { x: 0, y: -step },
        ArrowDown: { x: 0, y: step },
      };
      const move = delta[event.key];
      // A focused card is moved by React Flow's own keyboard handling (same doc write).
      const onNode =
        event.target instanceof HTMLElement && event.target.closest('.react-flow__node');
      if (move && !onNode && !readOnly && board.selectedCards.length > 0) {
        event.preventDefault();
        for (const id of board.selectedCards) {
          const card = store.card(id);
          if (card) {
            actions.moveCard(id, { x: card.position.x + move.x, y: card.position.y + move.y });
          }
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, board, createCard, deleteCards, editing, history, readOnly, store]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  const onPointerMove = useCallback(
    (event: ReactMouseEvent) => {
      const point = reactFlow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      pointer.current = point;
      presence.setCursor(point);
    },
    [presence.setCursor, reactFlow],
  );

  const onDoubleClick = useCallback(
    (event: ReactMouseEvent) => {
      if (readOnly) return;
      const target = event.target as HTMLElement;
      if (!target.classList.contains('react-flow__pane')) return;
      const point = reactFlow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      createCard(laneAt(point), point);
    },
    [createCard, reactFlow, readOnly],
  );

  const exports = useMemo(
    () => ({
      svg() {
        return renderBoardSvg({
          board: store.snapshot(),
          findings: validation.findings,
          language: boardLanguage,
        });
      },
      stem: () => fileStem(store.getMeta().title || info.title),
      async png() {
        download(`${this.stem()}.png`, await svgToPng(this.svg()));
      },
      saveSvg() {
        download(`${this.stem()}.svg`, this.svg(), 'image/svg+xml');
      },
      json() {
        download(`${this.stem()}.json`, actions.exportJson(), 'application/json');
      },
      report() {
        const markdown = buildStrategyReport({
          board: store.snapshot(),
          findings: validation.findings,
          score: validation.score,
          language: boardLanguage,
          date: new Date(),
        });
        download(`${this.stem()}-report.md`, markdown, 'text/markdown');
      },
    }),
    [actions, boardLanguage, info.title, store, validation],
  );

  const importFile = useCallback(
    (text: string) => {
      try {
        const counts = actions.importJson(text);
        setImportIssues(null);
        board.select([]);
        setNotice(t('import.done', counts));
      } catch (error) {
        setImportIssues(
          error instanceof BoardImportError
            ? error
            : new BoardImportError([
                { path: '', message: error instanceof Error ? error.message : String(error) },
              ]),
        );
      }
    },
    [actions, board.select, t],
  );

  const laneLabels = LANE_LABELS[boardLanguage];
  return (
    <BoardContext.Provider value={context}>
      <div className="ft-board" data-role={info.role} data-board-language={boardLanguage}>
        <header className="ft-board__header">
          <a className="ft-board__home" href="/">
            <Logo /> {t('app.name')}
          </a>
          <h1 className="ft-board__title">{meta.title || info.title}</h1>
          <ScoreBadge score={validation.score} />
          <ConnectionBadge status={connection.status} />
          <PresenceList participants={presence.participants} />
        </header>
        {readOnly ? (
          <div className="ft-view-only" role="status">
            {t('board.viewOnly')}
          </div>
        ) : null}
        <Toolbar
          readOnly={readOnly}
          lanes={LANES.map((lane) => ({ lane, label: laneLabels[lane] }))}
          onNewCard={(lane) => createCard(lane)}
          canUndo={history.canUndo}
          canRedo={history.canRedo}
          onUndo={history.undo}
          onRedo={history.redo}
          onFit={fitTriangle}
          onExportPng={() => void exports.png()}
          onExportSvg={() => exports.saveSvg()}
          onExportJson={() => exports.json()}
          onExportReport={() => exports.report()}
          onImport={importFile}
        />
        <div className="ft-board__main">
          {/* biome-ignore lint/a11y/noStaticElementInteractions: pointer position feeds the live cursor and the N shortcut */}
          <div
            className="ft-canvas"
            onMouseMove={onPointerMove}
            onMouseLeave={() => presence.setCursor(null)}
            onDoubleClick={onDoubleClick}
          >
            <FlowCanvas
              store={store}
              actions={actions}
              readOnly={readOnly}
              boardLanguage={boardLanguage}
              editing={editing}
              selectionRef={selectionRef}
              onSelectionChange={onSelectionChange}
              onConnect={onConnect}
              onFit={fitTriangle}
            />
            <RemoteCursors participants={presence.participants} />
          </div>
          <aside className="ft-side">
            {chain && selectedCard ? (
              <section className="ft-chain">
                <h2>{t('chain.title')}</h2>
                <p>
                  {t('chain.up', { count: chain.up.cards.length })} ·{' '}
                  {t('chain.down', { count: chain.down.cards.length })}
                </p>
              </section>
            ) : null}
            <FindingsPanel
              findings={validation.findings}
              language={boardLanguage}
              describeTarget={describeTarget}
              onSelect={focusFinding}
            />
            <p className="ft-keys">{t('keys.help')}</p>
          </aside>
        </div>
        {notice ? (
          <div className="ft-notice" role="status">
            {notice}
          </div>
        ) : null}
        {importIssues ? (
          <div className="ft-dialog-backdrop">
            <div
              className="ft-dialog ft-import-errors"
              role="alertdialog"
              aria-labelledby="ft-import-title"
            >
              <h2 id="ft-import-title">{t('import.errorTitle')}</h2>
              <ul>
                {importIssues.issues.map((issue, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id and never reorder
                  <li key={index} className="ft-import-errors__issue">
                    {issue.path ? <code>{issue.path}</code> : null}
                    {issue.line !== undefined ? (
                      <span className="ft-import-errors__line">
                        {' '}
                        ({t('import.line', { line: issue.line })})
                      </span>
                    ) : null}
                    {issue.path || issue.line !== undefined ? ': ' : ''}
                    {issue.message}
                  </li>
                ))}
              </ul>
              <button type="button" className="ft-button" onClick={() => setImportIssues(null)}>
                {t('import.close')}
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </BoardContext.Provider>
  );
}
