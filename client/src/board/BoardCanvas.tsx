import {
  alignmentScore,
  type BoardInfo,
  BoardValidator,
  cardCentre,
  cardChain,
  cardPositionCentredOn,
  type Finding,
  LANE_LABELS,
  LANES,
  type Lane,
  laneAt,
  type Point,
  spotInLane,
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
} from 'react';
import { useStore } from 'zustand';
import { SafePart } from '../app/SafeBoundary.tsx';
// Facilitation (issue #13): the workshop bar, the facilitator's panel, presence, follow, locks.
import { FacilitationLayer } from '../facilitation/FacilitationLayer.tsx';
import { FacilitatorPanel } from '../facilitation/FacilitatorPanel.tsx';
import { PresenceBar } from '../facilitation/PresenceBar.tsx';
import { useBoardFacilitation } from '../facilitation/useBoardFacilitation.ts';
import { WorkshopBar } from '../facilitation/WorkshopBar.tsx';
import { CardActivity } from '../history/CardActivity.tsx';
import { HistoryPanel, HistoryToggle } from '../history/HistoryPanel.tsx';
import { useVersionHistory } from '../history/useVersionHistory.ts';
import { RestoreDialog, VersionView } from '../history/VersionView.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { BoardSession } from '../sync/boardSession.ts';
import { ghostEnds, linkCentre } from '../sync/ghosts.ts';
import { useAwareness } from '../sync/useAwareness.ts';
import { useBoardHistory, useSessionState, useStructureVersion } from '../sync/useBoardSession.ts';
import { BoardContext, type BoardContextValue } from './BoardContext.ts';
import { createBoardUi } from './boardUi.ts';
import type { CommandContext } from './commands.ts';
import type { RemoteMark } from './decorations.ts';
import { FlowCanvas } from './FlowCanvas.tsx';
import { ImportConfirmDialog } from './ImportConfirmDialog.tsx';
import { ImportIssuesDialog } from './ImportIssuesDialog.tsx';
import { Logo } from './Logo.tsx';
import { formatBytes, sessionNoticeText, undoNotice } from './notices.ts';
import { ConnectionBadge, FindingsPanel, ScoreBadge } from './Panels.tsx';
import { RemoteCursors } from './RemoteCursors.tsx';
import { Toolbar } from './Toolbar.tsx';
import { useBoardCommands } from './useBoardCommands.ts';
import { useBoardFiles } from './useBoardFiles.ts';

const TRIANGLE_BOUNDS = { x: 0, y: 0, width: TRIANGLE.width, height: TRIANGLE.height };
/** How long a notice stays (ms). */
const NOTICE_MS = 4000;

export interface BoardCanvasProps {
  session: BoardSession;
  info: BoardInfo;
  userName: string;
}

/**
 * The board page around the canvas: header, toolbar, side panels, notices, dialogs. It
 * re-renders on structural changes (what the validator reads), selection and presence — never on
 * a drag frame, which only `FlowCanvas` follows.
 */
export function BoardCanvas({ session, info, userName }: BoardCanvasProps) {
  const { readModel, actions } = session;
  const { t, language } = useI18n();
  const readOnly = info.role === 'viewer';
  // Import replaces the board for everyone: a facilitator's decision (the server refuses the
  // import marker from anyone else).
  const canImport = info.role === 'facilitator';
  // Only structural changes re-render the board around the canvas (not every drag frame).
  const structureVersion = useStructureVersion(readModel);
  const meta = readModel.getMeta();
  const boardLanguage = meta.language;
  const ui = useMemo(() => createBoardUi(), []);
  const selectedCardSet = useStore(ui, (state) => state.selectedCards);
  const selectedLinkSet = useStore(ui, (state) => state.selectedLinks);
  // Re-filtered on structural changes: a selected card someone deleted drops out.
  const selectedCards = useMemo(
    () => [...selectedCardSet].filter((id) => structureVersion >= 0 && readModel.hasCard(id)),
    [selectedCardSet, readModel, structureVersion],
  );
  const selectedLinks = useMemo(() => [...selectedLinkSet], [selectedLinkSet]);
  const notice = useStore(ui, (state) => state.notice);
  const history = useBoardHistory(session);
  const { status, boardBytes } = useSessionState(session);
  const presence = useAwareness(session, { name: userName, role: info.role });
  const reactFlow = useReactFlow();
  const workshop = useBoardFacilitation({
    session,
    readModel,
    ui,
    role: info.role,
    language,
    t,
  });
  const following = useStore(ui, (state) => state.following);
  const lockedLanes = useStore(ui, (state) => state.lockedLanes);
  const pointer = useRef<Point | null>(null);
  const versionHistory = useVersionHistory({ session, role: info.role, userName, ui, t });

  // The validator runs on every change that can alter a finding (not on every drag frame).
  const validator = useMemo(() => new BoardValidator(), []);
  const validation = useMemo(() => {
    void structureVersion;
    const snapshot = readModel.snapshot();
    return { findings: validator.update(snapshot), score: alignmentScore(snapshot) };
  }, [readModel, validator, structureVersion]);

  const selectedCard = selectedCards.length === 1 ? selectedCards[0]! : null;
  const chain = useMemo(() => {
    void structureVersion;
    if (!selectedCard || !readModel.hasCard(selectedCard)) return null;
    return cardChain(readModel.snapshot(), selectedCard);
  }, [selectedCard, readModel, structureVersion]);

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
    ui.getState().decorate({
      findings: validation.findings,
      chain: {
        selected: chain ? selectedCard : null,
        upCards: chain?.up.cards ?? [],
        downCards: chain?.down.cards ?? [],
        links: chain ? [...chain.up.links, ...chain.down.links] : [],
      },
      remoteSelections,
    });
  }, [ui, validation.findings, chain, selectedCard, presence.participants]);

  // Others see this selection; sent again only when it really changed (not on every edit).
  const selectionKey = selectedCards.join(',');
  useEffect(() => {
    presence.setSelection(selectionKey ? selectionKey.split(',') : []);
  }, [presence.setSelection, selectionKey]);

  const deleteCards = useCallback(
    (ids: readonly string[]) => {
      if (readOnly || ids.length === 0) return;
      if (ids.includes(ui.getState().editing ?? '')) ui.getState().edit(null);
      actions.deleteCards(ids);
    },
    [actions, ui, readOnly],
  );

  const facilitation = session.facilitation;
  const context = useMemo<BoardContextValue>(
    () => ({
      actions,
      readOnly,
      boardLanguage,
      t,
      ui,
      deleteCards,
      role: info.role,
      language,
      facilitation,
    }),
    [actions, readOnly, boardLanguage, t, ui, deleteCards, info.role, language, facilitation],
  );

  const { laneLocked } = workshop;
  const createCard = useCallback(
    (lane: Lane, at?: Point) => {
      if (readOnly) return;
      if (laneLocked(lane)) {
        ui.getState().notify(
          t('fac.lock.cannotCreate', { lane: LANE_LABELS[boardLanguage][lane] }),
        );
        return;
      }
      const id = actions.addCard(lane, at ? cardPositionCentredOn(at) : spotInLane(lane));
      if (id === null) return;
      ui.getState().select([id]);
      ui.getState().edit(id);
    },
    [actions, ui, readOnly, laneLocked, t, boardLanguage],
  );

  const fitTriangle = useCallback(() => {
    void reactFlow.fitBounds(TRIANGLE_BOUNDS, { padding: 0.04, duration: 200 });
  }, [reactFlow]);

  const onConnect = useCallback(
    (connectionParams: Connection) => {
      if (readOnly) return;
      const result = actions.link(connectionParams.source, connectionParams.target);
      // A limit is told by the session's notice.
      if (!result.ok && result.reason !== 'limit') {
        ui.getState().notify(t(`link.refused.${result.reason}`));
      }
    },
    [actions, ui, readOnly, t],
  );

  // Clicking a finding always leads somewhere: its card, or its link — drawn between cards,
  // ghosts, or both ghosts in the lost-links corner — selected and brought into view.
  const focusFinding = useCallback(
    (finding: Pick<Finding, 'target'>) => {
      const cardAt = (id: string) => readModel.card(id)?.position;
      let centre: Point | null = null;
      if (finding.target.kind === 'card') {
        const position = cardAt(finding.target.id);
        if (position) {
          centre = cardCentre(position);
          ui.getState().select([finding.target.id]);
        }
      } else {
        const links = readModel.linkList();
        const link = links.find((candidate) => candidate.id === finding.target.id);
        if (link) {
          centre = linkCentre(link, cardAt, ghostEnds(links, cardAt));
          ui.getState().select([], [link.id]);
        }
      }
      if (!centre) {
        ui.getState().notify(t('findings.gone'));
        return;
      }
      void reactFlow.setCenter(centre.x, centre.y, {
        zoom: Math.max(reactFlow.getZoom(), 0.9),
        duration: 300,
      });
    },
    [ui, reactFlow, readModel, t],
  );

  const deleteLink = useCallback(
    (linkId: string) => {
      if (readOnly) return;
      actions.unlink([linkId]);
      ui.getState().select([]);
    },
    [actions, ui, readOnly],
  );

  // Undo and redo say when they kept someone else's work, or had nothing of this user's left.
  const nameOf = useCallback(
    (clientId: number) =>
      presence.participants.find((participant) => participant.clientId === clientId)?.name,
    [presence.participants],
  );
  const runHistory = useCallback(
    (step: 'undo' | 'redo') => {
      const outcome = history[step]();
      const message = undoNotice(
        outcome,
        nameOf,
        (id) => readModel.card(id)?.title.trim() ?? '',
        t,
      );
      if (message) ui.getState().notify(message);
    },
    [history, nameOf, readModel, t, ui],
  );
  const undo = useCallback(() => runHistory('undo'), [runHistory]);
  const redo = useCallback(() => runHistory('redo'), [runHistory]);

  // What the session has to say: a change the server refused, a limit this tab refused.
  useEffect(
    () =>
      session.onNotice((notice) =>
        ui
          .getState()
          .notify(
            sessionNoticeText(
              notice,
              t,
              session.getState().boardBytes,
              LANE_LABELS[session.readModel.getMeta().language],
            ),
          ),
      ),
    [session, ui, t],
  );

  const describeTarget = useCallback(
    (finding: Finding) => {
      const name = (id: string) => {
        const card = readModel.card(id);
        if (!card) return '∅';
        return card.title.trim() || t('card.untitled');
      };
      if (finding.target.kind === 'card') return name(finding.target.id);
      const link = readModel.linkList().find((candidate) => candidate.id === finding.target.id);
      return link ? `${name(link.from)} → ${name(link.to)}` : t('link.broken');
    },
    [readModel, t],
  );

  const commandContext = useMemo<CommandContext>(
    () => ({
      readOnly,
      selectedCards,
      selectedLinks,
      get pointer() {
        return pointer.current;
      },
      undo,
      redo,
      createCard,
      deleteCards,
      unlink: (ids) => actions.unlink(ids),
      cardPosition: (id) => readModel.card(id)?.position,
      moveCard: (id, position) => actions.moveCard(id, position),
      select: (cards, links) => ui.getState().select(cards, links),
      closeEditor: () => ui.getState().edit(null),
      stopFollowing: workshop.stopFollowing,
      pressDots: (delta: 1 | -1) => workshop.pressDots(selectedCards, delta),
      toggleFacilitation: () => {
        if (info.role !== 'facilitator') return false;
        workshop.togglePanel();
        return true;
      },
      toggleHistory: versionHistory.togglePanel,
      closeVersion: versionHistory.closeVersion,
    }),
    [
      readOnly,
      selectedCards,
      selectedLinks,
      undo,
      redo,
      createCard,
      deleteCards,
      actions,
      readModel,
      ui,
      workshop,
      info.role,
      versionHistory.togglePanel,
      versionHistory.closeVersion,
    ],
  );
  useBoardCommands(commandContext);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => ui.getState().notify(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, ui]);

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

  const files = useBoardFiles({
    readModel,
    actions,
    ui,
    findings: validation.findings,
    score: validation.score,
    language: boardLanguage,
    fallbackTitle: info.title,
    t,
    vote: workshop.vote,
  });
  const { importIssues } = files;

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
          <HistoryToggle history={versionHistory} />
          <ConnectionBadge status={status} />
          <SafePart part="presence" resetKeys={[presence.participants]}>
            <PresenceBar
              participants={presence.participants}
              following={following}
              onFollow={(clientId) => ui.getState().follow(clientId)}
            />
          </SafePart>
        </header>
        {readOnly ? (
          <div className="ft-view-only" role="status">
            {t('board.viewOnly')}
          </div>
        ) : null}
        {boardBytes.full && !readOnly ? (
          <div className="ft-board-full" role="alert">
            {t('limit.boardBytes', {
              size: formatBytes(boardBytes.size),
              max: formatBytes(boardBytes.limit),
            })}
          </div>
        ) : null}
        <Toolbar
          readOnly={readOnly}
          lanes={LANES.map((lane) => ({
            lane,
            label: laneLabels[lane],
            locked: lockedLanes.has(lane),
          }))}
          onNewCard={(lane) => createCard(lane)}
          canImport={canImport}
          canUndo={history.canUndo}
          canRedo={history.canRedo}
          onUndo={undo}
          onRedo={redo}
          onFit={fitTriangle}
          onExportPng={() => void files.exportPng()}
          onExportSvg={files.exportSvg}
          onExportJson={files.exportJson}
          onExportReport={files.exportReport}
          onImport={files.importFile}
        />
        <SafePart part="workshop">
          <WorkshopBar
            panelOpen={workshop.panelOpen}
            onTogglePanel={workshop.togglePanel}
            onShowCard={(id) => focusFinding({ target: { kind: 'card', id } })}
            cardOf={(id) => readModel.card(id)}
            boardLanguage={boardLanguage}
          />
        </SafePart>
        <div className="ft-board__main">
          {workshop.panelOpen && info.role === 'facilitator' ? (
            <SafePart part="facilitator-panel">
              <FacilitatorPanel
                meta={meta}
                selectedCards={selectedCards}
                onClose={workshop.closePanel}
                onBringEveryone={() => void workshop.bringEveryone()}
              />
            </SafePart>
          ) : null}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: pointer position feeds the live cursor and the N shortcut */}
          <div
            className="ft-canvas"
            onMouseMove={onPointerMove}
            onMouseLeave={() => presence.setCursor(null)}
            onDoubleClick={onDoubleClick}
          >
            <SafePart part="canvas" resetKeys={[structureVersion]}>
              <FlowCanvas
                readModel={readModel}
                actions={actions}
                ui={ui}
                readOnly={readOnly}
                boardLanguage={boardLanguage}
                onConnect={onConnect}
                onFit={fitTriangle}
              />
              <RemoteCursors participants={presence.participants} />
            </SafePart>
            <SafePart part="facilitation">
              <FacilitationLayer session={session} presence={presence} role={info.role} />
            </SafePart>
          </div>
          {versionHistory.opened ? (
            <SafePart part="version" resetKeys={[versionHistory.opened]}>
              <VersionView
                history={versionHistory}
                opened={versionHistory.opened}
                readModel={readModel}
                boardLanguage={boardLanguage}
              />
            </SafePart>
          ) : null}
          {/* An opened version takes the whole area; the panel comes back when it closes. */}
          {versionHistory.panelOpen && !versionHistory.opened ? (
            <SafePart part="history" resetKeys={[versionHistory.versions]}>
              <HistoryPanel history={versionHistory} />
            </SafePart>
          ) : null}
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
            <SafePart part="findings" resetKeys={[validation.findings]}>
              <FindingsPanel
                findings={validation.findings}
                language={boardLanguage}
                describeTarget={describeTarget}
                onSelect={focusFinding}
                onDeleteLink={readOnly ? undefined : deleteLink}
              />
            </SafePart>
            {selectedCard ? (
              <SafePart part="activity" resetKeys={[selectedCard]}>
                <CardActivity
                  boardId={session.boardId}
                  token={session.token}
                  cardId={selectedCard}
                  boardLanguage={boardLanguage}
                  changeCount={structureVersion}
                />
              </SafePart>
            ) : null}
            <p className="ft-keys">{t('keys.help')}</p>
          </aside>
        </div>
        {notice ? (
          <div className="ft-notice" role="status">
            {notice}
          </div>
        ) : null}
        {files.pendingImport ? (
          <ImportConfirmDialog
            pending={files.pendingImport}
            onConfirm={files.confirmImport}
            onCancel={files.cancelImport}
          />
        ) : null}
        {importIssues ? (
          <ImportIssuesDialog issues={importIssues} onClose={files.dismissImportIssues} />
        ) : null}
        <RestoreDialog history={versionHistory} />
      </div>
    </BoardContext.Provider>
  );
}
