import {
  alignmentScore,
  type BoardInfo,
  BoardValidator,
  CARD_SIZE,
  cardCentre,
  cardChain,
  cardPositionCentredOn,
  type Finding,
  freeSpotInLane,
  isInsideTriangle,
  LANE_LABELS,
  LANES,
  type Lane,
  laneAt,
  laneBand,
  type Point,
} from '@fire-triangle/shared';
import { type AriaLabelConfig, type Connection, useReactFlow, useStoreApi } from '@xyflow/react';
import {
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent,
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
import { presenceColour } from '../sync/presence.ts';
import { useAwareness } from '../sync/useAwareness.ts';
import { useBoardHistory, useSessionState, useStructureVersion } from '../sync/useBoardSession.ts';
import { BoardContext, type BoardContextValue } from './BoardContext.ts';
import { createBoardUi } from './boardUi.ts';
import { CardInspector } from './CardInspector.tsx';
import type { CommandContext } from './commands.ts';
import type { RemoteMark } from './decorations.ts';
import { FlowCanvas } from './FlowCanvas.tsx';
import { ImportConfirmDialog } from './ImportConfirmDialog.tsx';
import { ImportIssuesDialog } from './ImportIssuesDialog.tsx';
import { Logo } from './Logo.tsx';
import { formatBytes, sessionNoticeText, undoNotice } from './notices.ts';
import { ConnectionBadge, FindingsPanel, ScoreBadge } from './Panels.tsx';
import { RemoteCursors } from './RemoteCursors.tsx';
import { SearchBar } from './SearchBar.tsx';
import { SelfName } from './SelfName.tsx';
import { Toolbar } from './Toolbar.tsx';
import { useBoardClipboard } from './useBoardClipboard.ts';
import { useBoardCommands } from './useBoardCommands.ts';
import { useBoardFiles } from './useBoardFiles.ts';
import { openingViewport, READABLE_ZOOM, triangleViewport } from './viewport.ts';

/** How long a notice stays (ms). */
const NOTICE_MS = 4000;
/**
 * From this width the findings panel opens with the board: below it the canvas needs the room
 * (the panel then floats over the canvas, or is a sheet on a phone, when asked for).
 */
const WIDE_SCREEN = '(min-width: 1360px)';
/** The zoom a search result or a card reached by keyboard is shown at, at least. */
const SHOW_ZOOM = 1;

export interface BoardCanvasProps {
  session: BoardSession;
  info: BoardInfo;
  userName: string;
  /** Renames this person (remembered on the device, sent to everyone). */
  onRename?(name: string): void;
}

/**
 * The board page around the canvas: header, toolbar, the inspector or the side panel, the
 * search, notices, dialogs. It re-renders on structural changes (what the validator reads),
 * selection and presence — never on a drag frame, which only `FlowCanvas` follows.
 */
export function BoardCanvas({ session, info, userName, onRename }: BoardCanvasProps) {
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
  const ui = useMemo(() => {
    const store = createBoardUi();
    store.getState().setSidePanel(window.matchMedia?.(WIDE_SCREEN).matches ?? true);
    return store;
  }, []);
  const selectedCardSet = useStore(ui, (state) => state.selectedCards);
  const selectedLinkSet = useStore(ui, (state) => state.selectedLinks);
  const editing = useStore(ui, (state) => state.editing);
  const sidePanelOpen = useStore(ui, (state) => state.sidePanelOpen);
  const presenting = useStore(ui, (state) => state.presenting);
  const searchOpen = useStore(ui, (state) => state.searchOpen);
  // Re-filtered on structural changes: a selected card someone deleted drops out.
  const selectedCards = useMemo(
    () => [...selectedCardSet].filter((id) => structureVersion >= 0 && readModel.hasCard(id)),
    [selectedCardSet, readModel, structureVersion],
  );
  const selectedLinks = useMemo(() => [...selectedLinkSet], [selectedLinkSet]);
  const notice = useStore(ui, (state) => state.notice);
  const history = useBoardHistory(session);
  const { status, loadedFromDevice, boardBytes } = useSessionState(session);
  const presence = useAwareness(session, { name: userName, role: info.role });
  const reactFlow = useReactFlow();
  const flowStore = useStoreApi();
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

  // The inspector follows the selection, as a properties panel does: another card clicked while
  // one is open shows that one.
  useEffect(() => {
    const state = ui.getState();
    if (state.editing && selectedCard && selectedCard !== state.editing && !state.lostCard) {
      state.edit(selectedCard);
    }
  }, [ui, selectedCard]);

  // ---------------------------------------------------------------------------------------------
  // The view

  const canvasSize = useCallback(() => {
    const { width, height } = flowStore.getState();
    return { width, height };
  }, [flowStore]);
  const fitTriangle = useCallback(() => {
    void reactFlow.setViewport(triangleViewport(canvasSize()), { duration: 200 });
  }, [reactFlow, canvasSize]);
  const userMoved = useRef(false);
  const opened = useRef(false);
  const openView = useCallback(() => {
    const positions = readModel.cardList().map((card) => card.position);
    void reactFlow.setViewport(openingViewport(positions, canvasSize()));
  }, [readModel, reactFlow, canvasSize]);
  const onInit = useCallback(() => openView(), [openView]);
  const onUserMove = useCallback(() => {
    userMoved.current = true;
  }, []);
  // The board opens on its cards once they are here: from this device's copy when it has
  // them, else from the server's first sync. Never after the person moved the view.
  const ready =
    status.phase === 'connected' ||
    status.phase === 'offline' ||
    (loadedFromDevice && readModel.cardList().length > 0);
  useEffect(() => {
    if (!ready || opened.current) return;
    opened.current = true;
    if (!userMoved.current) openView();
  }, [ready, openView]);

  /** Brings a card into view, at least at `minZoom`; leaves the view alone when it already is. */
  const showCard = useCallback(
    (id: string, minZoom = READABLE_ZOOM) => {
      const card = readModel.card(id);
      if (!card) return;
      const { x, y, zoom } = reactFlow.getViewport();
      const { width, height } = canvasSize();
      const left = card.position.x * zoom + x;
      const top = card.position.y * zoom + y;
      const inView =
        left >= 0 &&
        top >= 0 &&
        left + CARD_SIZE.width * zoom <= width &&
        top + CARD_SIZE.height * zoom <= height;
      if (inView && zoom >= minZoom) return;
      const centre = cardCentre(card.position);
      void reactFlow.setCenter(centre.x, centre.y, {
        zoom: Math.max(zoom, minZoom),
        duration: 250,
      });
    },
    [readModel, reactFlow, canvasSize],
  );

  // ---------------------------------------------------------------------------------------------
  // Cards

  /**
   * The cards of `ids` this person may change: those in a lane the facilitator locked are left
   * out, said once with the lane's name — the server would refuse the change and roll it back
   * anyway (S-FAC-LOCK-*), so the page does not send it.
   */
  const outsideLockedLanes = useCallback(
    (ids: readonly string[]): string[] => {
      let locked: Lane | null = null;
      const allowed = ids.filter((id) => {
        const lane = readModel.card(id)?.lane;
        if (!lane || !workshop.laneLocked(lane)) return true;
        locked ??= lane;
        return false;
      });
      if (locked) {
        ui.getState().notify(
          t('notice.refused.lockedLane', { lanes: LANE_LABELS[boardLanguage][locked] }),
        );
      }
      return allowed;
    },
    [readModel, workshop.laneLocked, ui, t, boardLanguage],
  );

  const deleteCards = useCallback(
    (requested: readonly string[]) => {
      if (readOnly || requested.length === 0) return;
      const ids = outsideLockedLanes(requested);
      if (ids.length === 0) return;
      if (ids.includes(ui.getState().editing ?? '')) ui.getState().edit(null);
      // Said before the delete reaches anyone: whoever had one of them open learns who it was.
      presence.setDeleted(ids);
      actions.deleteCards(ids);
    },
    [actions, ui, readOnly, presence.setDeleted, outsideLockedLanes],
  );

  /** The DOM node of a card on the canvas. */
  const cardElement = useCallback(
    (id: string) =>
      document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`),
    [],
  );
  /** Moves the keyboard focus to a card once it is a tab stop (the next frame or so). */
  const focusCardElement = useCallback(
    (id: string) => {
      let tries = 0;
      const attempt = () => {
        const element = cardElement(id);
        if (element && element.tabIndex >= 0) element.focus({ preventScroll: true });
        else if (tries++ < 20) requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    },
    [cardElement],
  );
  const focusCard = useCallback(
    (id: string) => {
      ui.getState().select([id]);
      showCard(id);
      focusCardElement(id);
    },
    [ui, showCard, focusCardElement],
  );
  /**
   * Keeps the open card in sight beside the inspector: when the panel (floating on a tablet, a
   * sheet on a phone) covers the card, the view slides — same zoom — to put the card in the
   * middle of what the panel leaves uncovered.
   */
  const revealBesideInspector = useCallback(
    (id: string) => {
      requestAnimationFrame(() => {
        const card = cardElement(id)?.getBoundingClientRect();
        const panel = document.querySelector('.ft-side')?.getBoundingClientRect();
        const canvas = document.querySelector('.ft-canvas')?.getBoundingClientRect();
        if (!card || !panel || !canvas) return;
        const covered =
          card.left < panel.right &&
          panel.left < card.right &&
          card.top < panel.bottom &&
          panel.top < card.bottom;
        if (!covered) return;
        // The free part of the canvas: above a sheet, or left of a panel on the right.
        const sheet = panel.width >= canvas.width - 1;
        const free = sheet
          ? { x: canvas.left + canvas.width / 2, y: canvas.top + (panel.top - canvas.top) / 2 }
          : { x: canvas.left + (panel.left - canvas.left) / 2, y: canvas.top + canvas.height / 2 };
        const { x, y, zoom } = reactFlow.getViewport();
        const dx = free.x - (card.left + card.width / 2);
        const dy = free.y - (card.top + card.height / 2);
        void reactFlow.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 200 });
      });
    },
    [cardElement, reactFlow],
  );
  const openCard = useCallback(
    (id: string) => {
      if (!readModel.hasCard(id)) return;
      ui.getState().select([id]);
      ui.getState().edit(id);
      revealBesideInspector(id);
    },
    [ui, readModel, revealBesideInspector],
  );
  const closeEditor = useCallback(() => {
    const state = ui.getState();
    const id = state.editing;
    const inside = document.activeElement?.closest('.ft-inspector') !== null;
    state.edit(null);
    // Back to the card the inspector was about, so the keyboard carries on from there.
    if (id && inside && readModel.hasCard(id)) focusCardElement(id);
  }, [ui, readModel, focusCardElement]);

  const clipboard = useBoardClipboard({
    readModel,
    actions,
    ui,
    readOnly,
    pointer: () => pointer.current,
    deleteCards,
    t,
  });

  const facilitation = session.facilitation;
  const context = useMemo<BoardContextValue>(
    () => ({
      actions,
      readOnly,
      boardLanguage,
      t,
      ui,
      deleteCards,
      openCard,
      copyCards: clipboard.copyCards,
      duplicateCards: clipboard.duplicateCards,
      role: info.role,
      language,
      facilitation,
    }),
    [
      actions,
      readOnly,
      boardLanguage,
      t,
      ui,
      deleteCards,
      openCard,
      clipboard,
      info.role,
      language,
      facilitation,
    ],
  );

  /** Where a new card goes when no pointer says: in its lane, near the middle of the view. */
  const wishedSpot = useCallback(
    (lane: Lane): Point => {
      const { width, height } = canvasSize();
      const { x, y, zoom } = reactFlow.getViewport();
      const centre = { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom };
      const band = laneBand(lane);
      const margin = CARD_SIZE.height;
      const inBand = Math.min(Math.max(centre.y, band.top + margin), band.bottom - margin);
      return cardPositionCentredOn({ x: centre.x, y: inBand });
    },
    [reactFlow, canvasSize],
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
      const occupied = readModel.cardList().map((card) => card.position);
      const wished = at ? cardPositionCentredOn(at) : wishedSpot(lane);
      const id = actions.addCard(lane, freeSpotInLane(lane, wished, occupied));
      if (id === null) return;
      ui.getState().select([id]);
      ui.getState().edit(id);
      // Into view if it landed outside, at the same zoom: its text is edited in the inspector.
      showCard(id, 0);
      revealBesideInspector(id);
    },
    [
      actions,
      ui,
      readOnly,
      readModel,
      wishedSpot,
      showCard,
      revealBesideInspector,
      laneLocked,
      t,
      boardLanguage,
    ],
  );

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
  // One undo can take away the card open in the inspector (its creation): close it then.
  const undo = useCallback(() => {
    runHistory('undo');
    const open = ui.getState().editing;
    if (open && !readModel.hasCard(open)) ui.getState().edit(null);
  }, [runHistory, ui, readModel]);
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

  // ---------------------------------------------------------------------------------------------
  // Overlays: search, side panel, presentation

  const openSearch = useCallback(() => ui.getState().setSearchOpen(true), [ui]);
  const closeSearch = useCallback(() => ui.getState().setSearchOpen(false), [ui]);
  const showResult = useCallback(
    (id: string) => {
      ui.getState().select([id]);
      showCard(id, SHOW_ZOOM);
    },
    [ui, showCard],
  );
  const toggleSidePanel = useCallback(() => {
    const state = ui.getState();
    // The panel's button shows the findings: with a card open, it closes the card first.
    if (state.editing && !state.sidePanelOpen) state.edit(null);
    state.setSidePanel(!state.sidePanelOpen);
  }, [ui]);
  const enteredFullscreen = useRef(false);
  const setPresenting = useCallback(
    (on: boolean) => {
      ui.getState().setPresenting(on);
      if (on) {
        ui.getState().edit(null);
        enteredFullscreen.current = false;
        // Full screen when the browser allows it; the board alone either way.
        document.documentElement
          .requestFullscreen?.()
          .then(() => {
            enteredFullscreen.current = true;
          })
          .catch(() => {});
      } else if (document.fullscreenElement) {
        void document.exitFullscreen().catch(() => {});
      }
    },
    [ui],
  );
  useEffect(() => {
    const onFullscreenChange = () => {
      if (!document.fullscreenElement && enteredFullscreen.current) {
        enteredFullscreen.current = false;
        ui.getState().setPresenting(false);
      }
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => document.removeEventListener('fullscreenchange', onFullscreenChange);
  }, [ui]);
  const togglePresenting = useCallback(
    () => setPresenting(!ui.getState().presenting),
    [ui, setPresenting],
  );
  const closeOverlay = useCallback(() => {
    const state = ui.getState();
    if (state.searchOpen) {
      state.setSearchOpen(false);
      return true;
    }
    if (state.presenting) {
      setPresenting(false);
      return true;
    }
    return false;
  }, [ui, setPresenting]);

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
      moveCard: (id, position) => {
        if (outsideLockedLanes([id]).length > 0) actions.moveCard(id, position);
      },
      select: (cards, links) => ui.getState().select(cards, links),
      closeEditor,
      cards: () => readModel.cardList(),
      get activeCard() {
        return ui.getState().activeCard;
      },
      focusCard,
      openCard,
      duplicateSelection: () => clipboard.duplicateCards(selectedCards),
      openSearch,
      toggleSidePanel,
      togglePresenting,
      closeOverlay,
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
      closeEditor,
      focusCard,
      openCard,
      clipboard,
      openSearch,
      toggleSidePanel,
      togglePresenting,
      closeOverlay,
      workshop,
      info.role,
      versionHistory.togglePanel,
      versionHistory.closeVersion,
      outsideLockedLanes,
    ],
  );
  useBoardCommands(commandContext);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => ui.getState().notify(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, ui]);

  // Pointer events, not mouse events: React Flow's drag stops the mouse events it handles, and
  // the others would see the dragger's cursor frozen where the drag began (issue #14).
  const onPointerMove = useCallback(
    (event: ReactPointerEvent) => {
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
      if (!isInsideTriangle(point)) {
        ui.getState().notify(t('canvas.createOutside'));
        return;
      }
      createCard(laneAt(point), point);
    },
    [createCard, reactFlow, readOnly, ui, t],
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

  const ariaLabelConfig = useMemo<Partial<AriaLabelConfig>>(
    () => ({
      'node.a11yDescription.default': t('canvas.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': t('canvas.nodeHelp'),
      'node.a11yDescription.ariaLiveMessage': ({ direction }) => t('canvas.moved', { direction }),
      'controls.ariaLabel': t('canvas.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.fitView'),
      'minimap.ariaLabel': t('canvas.minimap'),
      'handle.ariaLabel': t('canvas.handle'),
    }),
    [t],
  );
  const cardCount = readModel.cardList().length;
  const canvasLabel = t('canvas.label', { count: cardCount });

  const self = presence.participants.find((participant) => participant.isSelf);
  const laneLabels = LANE_LABELS[boardLanguage];
  const showSide = editing !== null || sidePanelOpen;
  return (
    <BoardContext.Provider value={context}>
      <div
        className={`ft-board${presenting ? ' ft-board--presenting' : ''}${showSide ? ' ft-board--side-open' : ''}`}
        data-role={info.role}
        data-board-language={boardLanguage}
      >
        <header className="ft-board__header">
          <a
            className="ft-board__home"
            href="/"
            aria-label={`${t('app.name')} — ${t('toolbar.home')}`}
          >
            <Logo /> <span className="ft-board__home-name">{t('app.name')}</span>
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
          <SelfName
            name={userName}
            colour={self?.colour ?? presenceColour(session.clientId)}
            onRename={onRename}
          />
          <div className="ft-board__views">
            <button
              type="button"
              className="ft-button ft-search-toggle"
              aria-pressed={searchOpen}
              title={`${t('toolbar.search')} (Ctrl/⌘+F)`}
              onClick={() => (searchOpen ? closeSearch() : openSearch())}
            >
              <span aria-hidden="true">⌕</span>
              <span className="ft-button__label">{t('toolbar.search')}</span>
            </button>
            <button
              type="button"
              className="ft-button ft-findings-toggle"
              aria-pressed={sidePanelOpen && editing === null}
              aria-controls="ft-side"
              title={`${sidePanelOpen ? t('toolbar.findingsHide') : t('toolbar.findingsShow')} (Ctrl/⌘+\\)`}
              onClick={toggleSidePanel}
            >
              <span aria-hidden="true">☰</span>
              <span className="ft-button__label">
                {sidePanelOpen ? t('toolbar.findingsHide') : t('toolbar.findingsShow')}
              </span>
              {validation.findings.length > 0 ? (
                <span className="ft-findings-toggle__count">{validation.findings.length}</span>
              ) : null}
            </button>
            <button
              type="button"
              className="ft-button ft-present"
              title={`${t('toolbar.present')} (P)`}
              onClick={togglePresenting}
            >
              <span aria-hidden="true">▶</span>
              <span className="ft-button__label">{t('toolbar.present')}</span>
            </button>
          </div>
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
          <main
            className="ft-canvas"
            onPointerMove={onPointerMove}
            onPointerLeave={() => presence.setCursor(null)}
            onDoubleClick={onDoubleClick}
          >
            <SafePart part="canvas" resetKeys={[structureVersion]}>
              <FlowCanvas
                readModel={readModel}
                actions={actions}
                ui={ui}
                readOnly={readOnly}
                boardLanguage={boardLanguage}
                label={canvasLabel}
                ariaLabelConfig={ariaLabelConfig}
                onConnect={onConnect}
                onFit={fitTriangle}
                onInit={onInit}
                onUserMove={onUserMove}
                onOpenCard={openCard}
              />
              <RemoteCursors participants={presence.participants} />
            </SafePart>
            {searchOpen ? (
              <SearchBar
                readModel={readModel}
                structureVersion={structureVersion}
                onShow={showResult}
                onClose={closeSearch}
              />
            ) : null}
            {presenting ? (
              <button
                type="button"
                className="ft-button ft-present-exit"
                onClick={() => setPresenting(false)}
              >
                {t('present.exit')} (Esc)
              </button>
            ) : null}
            <SafePart part="facilitation">
              <FacilitationLayer session={session} presence={presence} role={info.role} />
            </SafePart>
          </main>
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
          {versionHistory.panelOpen && !versionHistory.opened && !presenting ? (
            <SafePart part="history" resetKeys={[versionHistory.versions]}>
              <HistoryPanel history={versionHistory} />
            </SafePart>
          ) : null}
          {showSide && !presenting ? (
            <div className="ft-side" id="ft-side">
              {editing ? (
                <SafePart part="inspector" resetKeys={[editing]}>
                  <CardInspector
                    // One inspector per card: a newly opened card starts with its title focused.
                    key={editing}
                    cardId={editing}
                    readModel={readModel}
                    participants={presence.participants}
                    onClose={closeEditor}
                  />
                </SafePart>
              ) : (
                <aside className="ft-side__panel" aria-label={t('panel.findings')}>
                  <div className="ft-side__bar">
                    <span className="ft-side__heading">{t('panel.findings')}</span>
                    <button
                      type="button"
                      className="ft-button ft-side__close"
                      aria-label={t('panel.close')}
                      title={t('panel.close')}
                      onClick={toggleSidePanel}
                    >
                      ×
                    </button>
                  </div>
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
                  <details className="ft-keys">
                    <summary>{t('keys.title')}</summary>
                    <p>{t('keys.help')}</p>
                  </details>
                </aside>
              )}
            </div>
          ) : null}
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
