/**
 * React Flow nodes and edges derived from the board: cards become `card` nodes, links become
 * `link` edges. The doc owns positions, lanes and links; the selection lives in the board's UI
 * store (one place, read by the canvas and the panels alike); `measured` and the live position of
 * a card being dragged stay local React Flow state here. None of it is synced.
 *
 * Node and edge objects are cached per id and reused while nothing they show has changed, so a
 * change to one card hands React Flow one new node.
 */
import {
  type CardSnapshot,
  clampCardPosition,
  GHOST_SIZE,
  LANE_LABELS,
  type Lane,
  type Language,
  type LinkSnapshot,
  laneOfCardAt,
  type Point,
  sameDrawnFields,
} from '@fire-triangle/shared';
import type { Edge, EdgeChange, Node, NodeChange } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { BoardUi } from '../board/boardUi.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { BoardActions } from './boardActions.ts';
import type { BoardReadModel } from './boardReadModel.ts';
import { ghostEnds, ghostId, isGhost, type LinkEnd } from './ghosts.ts';
import { useBoardVersion } from './useBoardSession.ts';

export { ghostId, isGhost } from './ghosts.ts';

export interface CardNodeData extends Record<string, unknown> {
  card: CardSnapshot;
  /** One of this participant's private cards (a private writing round): only they see it. */
  draft: boolean;
  /** In a lane this person may not change now (locked by the facilitator). */
  locked: boolean;
}

export interface GhostNodeData extends Record<string, unknown> {
  linkId: string;
  /** Which end of the link this ghost stands for. */
  end: LinkEnd;
}

export type CardFlowNode = Node<CardNodeData, 'card'>;
export type GhostFlowNode = Node<GhostNodeData, 'ghost'>;
export type BoardFlowNode = CardFlowNode | GhostFlowNode;
export type LinkFlowEdge = Edge<{ link: LinkSnapshot; dangling: boolean }, 'link'>;

/** Handle ids: a link leaves the serving card from its top and enters the served card below. */
export const HANDLE_UP = 'up';
export const HANDLE_DOWN = 'down';

interface LocalNodeState {
  measured: ReadonlyMap<string, { width: number; height: number }>;
  /** Where this user is dragging cards right now (ahead of the doc, which is throttled). */
  dragging: ReadonlyMap<string, Point>;
}

interface CachedNode {
  card: CardSnapshot;
  selected: boolean;
  position: Point;
  dragging: boolean;
  measured: { width: number; height: number } | undefined;
  readOnly: boolean;
  language: Language;
  focusable: boolean;
  draft: boolean;
  locked: boolean;
  node: CardFlowNode;
}

export interface BoardNodes {
  nodes: BoardFlowNode[];
  edges: LinkFlowEdge[];
  onNodesChange(changes: NodeChange<BoardFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<LinkFlowEdge>[]): void;
  /** A drag starts, moving these nodes (several: a selection drag). */
  onDragStart(nodes?: readonly { id: string }[]): void;
  onDragStop(nodes: readonly { id: string; position: Point }[]): void;
}

export function useBoardNodes(
  store: BoardReadModel,
  actions: BoardActions,
  ui: BoardUi,
  options: { readOnly: boolean; language: Language },
): BoardNodes {
  const version = useBoardVersion(store);
  const [local, setLocal] = useState<LocalNodeState>(() => ({
    measured: new Map(),
    dragging: new Map(),
  }));
  const selectedCards = useStore(ui, (state) => state.selectedCards);
  const selectedLinks = useStore(ui, (state) => state.selectedLinks);
  // Roving tab stop: only the active card is in the tab order (Tab walks the cards from it).
  const activeCard = useStore(ui, (state) => state.activeCard);
  const lockedLanes = useStore(ui, (state) => state.lockedLanes);
  const nodeCache = useRef(new Map<string, CachedNode>());
  const ghostCache = useRef(new Map<string, { at: Point; node: GhostFlowNode }>());
  const edgeCache = useRef(
    new Map<
      string,
      { link: LinkSnapshot; ghost: string | null; selected: boolean; edge: LinkFlowEdge }
    >(),
  );
  /** Where each card of the drag in progress was before it (a drop in a locked lane goes back). */
  const dragStarts = useRef(new Map<string, Point>());
  const { t } = useI18n();
  const nodesRef = useRef<BoardFlowNode[]>([]);
  const edgesRef = useRef<LinkFlowEdge[]>([]);
  const localRef = useRef(local);
  localRef.current = local;

  const cards = store.cardList();
  const links = store.linkList();

  const nodes = useMemo(() => {
    void version;
    const cache = nodeCache.current;
    const next = new Map<string, CachedNode>();
    const result: BoardFlowNode[] = [];
    for (const card of cards) {
      const dragPosition = local.dragging.get(card.id);
      const position = dragPosition ?? card.position;
      const selected = selectedCards.has(card.id);
      const measured = local.measured.get(card.id);
      const focusable = card.id === activeCard;
      const draft = store.isDraft(card.id);
      const locked = lockedLanes.has(card.lane);
      const previous = cache.get(card.id);
      let entry: CachedNode;
      if (
        previous &&
        (previous.card === card ||
          // Our own drag echoing back from the doc: the local position is already ahead.
          (dragPosition !== undefined && sameDrawnFields(previous.card, card))) &&
        previous.selected === selected &&
        previous.position === position &&
        previous.dragging === (dragPosition !== undefined) &&
        previous.measured === measured &&
        previous.readOnly === options.readOnly &&
        previous.language === options.language &&
        previous.focusable === focusable &&
        previous.draft === draft &&
        previous.locked === locked
      ) {
        entry = previous;
      } else {
        const title = card.title.trim() || '…';
        entry = {
          card,
          selected,
          position,
          dragging: dragPosition !== undefined,
          measured,
          readOnly: options.readOnly,
          language: options.language,
          focusable,
          draft,
          locked,
          node: {
            id: card.id,
            type: 'card',
            position,
            data: { card, draft, locked },
            selected,
            dragging: dragPosition !== undefined,
            measured,
            draggable: !options.readOnly && !locked,
            connectable: !options.readOnly && !locked,
            deletable: false,
            focusable,
            ariaLabel: `${LANE_LABELS[options.language][card.lane]}: ${title}`,
            className: `ft-node ft-node--${card.lane}${draft ? ' ft-node--draft' : ''}${locked ? ' ft-node--locked' : ''}`,
          },
        };
      }
      next.set(card.id, entry);
      result.push(entry.node);
    }
    nodeCache.current = next;

    // A link whose card was deleted stays in the doc (a real merge result); draw each missing
    // end as a small ghost — next to the end that still exists, or both in the lost-links corner
    // when both cards are gone — so the broken link can be seen, selected and deleted.
    const ghosts = new Map<string, { at: Point; node: GhostFlowNode }>();
    const ends = ghostEnds(links, (id) => next.get(id)?.position);
    for (const [linkId, missing] of ends) {
      for (const end of ['from', 'to'] as const) {
        const at = missing[end];
        if (!at) continue;
        const id = ghostId(linkId, end);
        const previous = ghostCache.current.get(id);
        const entry =
          previous && previous.at.x === at.x && previous.at.y === at.y
            ? previous
            : {
                at,
                node: {
                  id,
                  type: 'ghost' as const,
                  position: at,
                  data: { linkId, end },
                  draggable: false,
                  selectable: false,
                  connectable: false,
                  deletable: false,
                  focusable: false,
                  measured: { width: GHOST_SIZE, height: GHOST_SIZE },
                  className: 'ft-node ft-node--ghost',
                },
              };
        ghosts.set(id, entry);
        result.push(entry.node);
      }
    }
    ghostCache.current = ghosts;
    // Same nodes as last time: hand React Flow the same array, so it skips the update entirely.
    const reused = sameItems(nodesRef.current, result) ? nodesRef.current : result;
    nodesRef.current = reused;
    return reused;
  }, [
    version,
    cards,
    links,
    local,
    selectedCards,
    activeCard,
    lockedLanes,
    store,
    options.readOnly,
    options.language,
  ]);

  const edges = useMemo(() => {
    void version; // a card appearing or vanishing changes which links are dangling
    const cache = edgeCache.current;
    const next = new Map<
      string,
      { link: LinkSnapshot; ghost: string | null; selected: boolean; edge: LinkFlowEdge }
    >();
    const result: LinkFlowEdge[] = [];
    for (const link of links) {
      const hasFrom = store.hasCard(link.from);
      const hasTo = store.hasCard(link.to);
      // Which ends are drawn as ghosts: a change (one end gone, then both) is a new edge.
      const ghost = hasFrom && hasTo ? null : `${hasFrom ? '' : 'from'}:${hasTo ? '' : 'to'}`;
      const selected = selectedLinks.has(link.id);
      const previous = cache.get(link.id);
      const entry =
        previous &&
        previous.link === link &&
        previous.ghost === ghost &&
        previous.selected === selected
          ? previous
          : {
              link,
              ghost,
              selected,
              edge: {
                id: link.id,
                type: 'link' as const,
                source: hasFrom ? link.from : ghostId(link.id, 'from'),
                target: hasTo ? link.to : ghostId(link.id, 'to'),
                sourceHandle: HANDLE_UP,
                targetHandle: HANDLE_DOWN,
                selected,
                deletable: false,
                data: { link, dangling: ghost !== null },
              },
            };
      next.set(link.id, entry);
      result.push(entry.edge);
    }
    edgeCache.current = next;
    const reused = sameItems(edgesRef.current, result) ? edgesRef.current : result;
    edgesRef.current = reused;
    return reused;
  }, [links, selectedLinks, store, version]);

  const onNodesChange = useCallback(
    (changes: NodeChange<BoardFlowNode>[]) => {
      const selections: { id: string; selected: boolean }[] = [];
      let measured: Map<string, { width: number; height: number }> | null = null;
      let dragging: Map<string, Point> | null = null;
      const current = localRef.current;
      for (const change of changes) {
        if (change.type === 'select') {
          selections.push(change);
        } else if (change.type === 'dimensions' && change.dimensions) {
          const previous = current.measured.get(change.id);
          if (
            previous?.width !== change.dimensions.width ||
            previous?.height !== change.dimensions.height
          ) {
            measured ??= new Map(current.measured);
            measured.set(change.id, change.dimensions);
          }
        } else if (change.type === 'position' && change.position && !isGhost(change.id)) {
          if (options.readOnly) continue;
          if (change.dragging) {
            // Keep the card inside the triangle while it moves, not only when it lands. The
            // doc gets the pointer's position: a selection drag writes one offset for all its
            // cards, which each peer clamps per card as this canvas does (`moveCard` clamps a
            // single card's position itself).
            const position = clampCardPosition(change.position);
            dragging ??= new Map(current.dragging);
            dragging.set(change.id, position);
            if (!dragStarts.current.has(change.id)) {
              dragStarts.current.set(change.id, store.card(change.id)?.position ?? position);
            }
            // A frame in a locked lane would be refused (S-FAC-LOCK-1) while the frames around
            // it land: the card would end half-way, its band and its lane apart. It stays local.
            // (The unclamped position: a selection drag's offset is the pointer's, not a card's.)
            if (!ui.getState().lockedLanes.has(laneOfCardAt(position))) {
              actions.dragTo(change.id, change.position);
            }
          } else if (!current.dragging.has(change.id)) {
            // Not part of a drag: React Flow's keyboard move of a focused card.
            actions.moveCard(change.id, change.position);
          }
        }
      }
      ui.getState().setSelected('cards', selections);
      if (measured || dragging) {
        setLocal((state) => ({
          measured: measured ?? state.measured,
          dragging: dragging ?? state.dragging,
        }));
      }
    },
    [actions, ui, store, options.readOnly],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<LinkFlowEdge>[]) => {
      const selections: { id: string; selected: boolean }[] = [];
      for (const change of changes) if (change.type === 'select') selections.push(change);
      ui.getState().setSelected('links', selections);
    },
    [ui],
  );

  const onDragStart = useCallback(
    (dragged: readonly { id: string }[] = []) => {
      dragStarts.current.clear();
      if (!options.readOnly) {
        actions.beginDrag(dragged.map((node) => node.id).filter((id) => !isGhost(id)));
      }
    },
    [actions, options.readOnly],
  );

  const onDragStop = useCallback(
    (dropped: readonly { id: string; position: Point }[]) => {
      if (options.readOnly) return;
      const positions = new Map<string, Point>();
      const current = localRef.current;
      const locked = ui.getState().lockedLanes;
      let refused: Lane | null = null;
      for (const node of dropped) {
        if (isGhost(node.id)) continue;
        const position = current.dragging.get(node.id) ?? node.position;
        if (locked.has(laneOfCardAt(position))) refused = laneOfCardAt(position);
        positions.set(node.id, position);
      }
      // A card dropped in a locked lane: the drop is refused whole, every card goes back to
      // where the drag started (as the server would refuse it, S-FAC-LOCK-1).
      if (refused) {
        for (const id of positions.keys()) {
          const start = dragStarts.current.get(id);
          if (start) positions.set(id, start);
        }
      }
      dragStarts.current.clear();
      actions.endDrag(positions);
      setLocal((state) => ({ ...state, dragging: new Map() }));
      if (refused) {
        ui.getState().notify(
          t('notice.refused.lockedLane', { lanes: LANE_LABELS[options.language][refused] }),
        );
      }
    },
    [actions, ui, t, options.readOnly, options.language],
  );

  return { nodes, edges, onNodesChange, onEdgesChange, onDragStart, onDragStop };
}

function sameItems<T>(previous: readonly T[], next: readonly T[]): boolean {
  if (previous.length !== next.length) return false;
  for (let index = 0; index < next.length; index++) {
    if (previous[index] !== next[index]) return false;
  }
  return true;
}
