import type { Language } from '@fire-triangle/shared';
import {
  type AriaLabelConfig,
  type Connection,
  ConnectionMode,
  Controls,
  MarkerType,
  Panel,
  ReactFlow,
  useStore,
} from '@xyflow/react';
import {
  type CSSProperties,
  type MouseEvent,
  memo,
  useCallback,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { useStore as useUiStore } from 'zustand';
import type { BoardActions } from '../sync/boardActions.ts';
import type { BoardReadModel } from '../sync/boardReadModel.ts';
import {
  type BoardFlowNode,
  isGhost,
  type LinkFlowEdge,
  useBoardNodes,
} from '../sync/useBoardNodes.ts';
import { BoardMiniMap } from './BoardMiniMap.tsx';
import type { BoardUi } from './boardUi.ts';
import { CardNode } from './CardNode.tsx';
import { LaneRuler } from './LaneRuler.tsx';
import { GhostNode, LinkEdge } from './LinkEdge.tsx';
import { TriangleBackground } from './TriangleBackground.tsx';
import { DETAIL_LEVELS, type DetailLevel, detailLevel } from './viewport.ts';

const nodeTypes = { card: CardNode, ghost: GhostNode };
const edgeTypes = { link: LinkEdge };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
const proOptions = { hideAttribution: false };
const isValidConnection = (edge: { source: string; target: string }) =>
  edge.source !== edge.target && !isGhost(edge.source) && !isGhost(edge.target);
/** Shift (as in Miro and FigJam), Ctrl or ⌘ + click adds a card to the selection. */
const MULTI_SELECTION_KEYS = ['Shift', 'Meta', 'Control'];
/** How long the zoom must rest before the cards change their level of detail (ms). */
const LEVEL_SETTLE_MS = 120;
const levelOf = (state: { transform: [number, number, number] }): DetailLevel =>
  detailLevel(state.transform[2]).level;
/** The card text sizes of each level, as CSS variables on the canvas (one place: viewport.ts). */
const LEVEL_STYLES = Object.fromEntries(
  DETAIL_LEVELS.map((spec) => [
    spec.level,
    {
      '--ft-title-size': `${spec.titleSize}px`,
      '--ft-title-lines': String(spec.titleLines),
    } as CSSProperties,
  ]),
) as Record<DetailLevel, CSSProperties>;

export interface FlowCanvasProps {
  readModel: BoardReadModel;
  actions: BoardActions;
  ui: BoardUi;
  readOnly: boolean;
  boardLanguage: Language;
  /** What a screen reader hears for the canvas (how many cards, how to move through them). */
  label: string;
  /** React Flow's own words (zoom buttons, node help) in the reader's language. */
  ariaLabelConfig: Partial<AriaLabelConfig>;
  onConnect(connection: Connection): void;
  onFit(): void;
  onInit(): void;
  /** The person moved the view themselves (the opening view then stays out of their way). */
  onUserMove(): void;
  onOpenCard(id: string): void;
}

/**
 * React Flow and nothing else: it re-renders on every drag frame and every remote move, so it
 * is kept apart from the header, toolbar and panels (which follow structural changes only).
 */
export const FlowCanvas = memo(function FlowCanvas(props: FlowCanvasProps) {
  const { readModel, actions, ui, readOnly, boardLanguage } = props;
  const board = useBoardNodes(readModel, actions, ui, { readOnly, language: boardLanguage });
  // Level of detail: one class and two CSS variables on the canvas, changed only when the zoom
  // crosses a level — and only once the zoom rests, so a zoom gesture across a level restyles
  // thousands of cards once, after it, not in the middle of it.
  const zoomLevel = useStore(levelOf);
  const [level, setLevel] = useState(zoomLevel);
  useEffect(() => {
    if (zoomLevel === level) return;
    const timer = setTimeout(() => setLevel(zoomLevel), LEVEL_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [zoomLevel, level]);
  const searching = useUiStore(ui, (state) => state.searchMatches.size > 0);
  const presenting = useUiStore(ui, (state) => state.presenting);

  const { onDragStop, onDragStart } = board;
  const onNodeDragStart = useCallback(
    (_event: unknown, _node: unknown, nodes: BoardFlowNode[]) => onDragStart(nodes),
    [onDragStart],
  );
  const onSelectionDragStart = useCallback(
    (_event: unknown, nodes: BoardFlowNode[]) => onDragStart(nodes),
    [onDragStart],
  );
  const onNodeDragStop = useCallback(
    (_event: unknown, _node: unknown, nodes: BoardFlowNode[]) => onDragStop(nodes),
    [onDragStop],
  );
  const onSelectionDragStop = useCallback(
    (_event: unknown, nodes: BoardFlowNode[]) => onDragStop(nodes),
    [onDragStop],
  );
  const { onOpenCard } = props;
  const onNodeDoubleClick = useCallback(
    (_event: unknown, node: BoardFlowNode) => {
      if (!isGhost(node.id)) onOpenCard(node.id);
    },
    [onOpenCard],
  );
  // On a touch screen a tap selects the card and opens it: there is no double-click to learn,
  // and the inspector is where its text is readable.
  const onNodeClick = useCallback(
    (event: MouseEvent, node: BoardFlowNode) => {
      const pointerType = (event.nativeEvent as PointerEvent).pointerType;
      if (pointerType === 'touch' && !isGhost(node.id)) onOpenCard(node.id);
    },
    [onOpenCard],
  );
  const closeEditor = useCallback(() => ui.getState().edit(null), [ui]);
  const { onUserMove } = props;
  const onMoveStart = useCallback(
    (event: unknown) => {
      if (event) onUserMove();
    },
    [onUserMove],
  );

  // The same element while nothing React Flow sees has changed: our own drag echoing back from
  // the doc re-runs this component's hooks but not React Flow's whole tree.
  const { onConnect, onFit, onInit, label, ariaLabelConfig } = props;
  const className = `ft-flow ft-flow--${level}${level === 'near' ? '' : ' ft-flow--far'}${searching ? ' ft-flow--searching' : ''}`;
  return useMemo(
    () => (
      <ReactFlow<BoardFlowNode, LinkFlowEdge>
        nodes={board.nodes}
        edges={board.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={board.onNodesChange}
        onEdgesChange={board.onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onSelectionDragStart={onSelectionDragStart}
        onSelectionDragStop={onSelectionDragStop}
        onNodeDoubleClick={onNodeDoubleClick}
        onNodeClick={onNodeClick}
        onPaneClick={closeEditor}
        onMoveStart={onMoveStart}
        connectionMode={ConnectionMode.Loose}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        // Links are reached from their cards (the inspector lists them): thousands of tab stops
        // would make the toolbar and panels unreachable by keyboard.
        edgesFocusable={false}
        multiSelectionKeyCode={MULTI_SELECTION_KEYS}
        deleteKeyCode={null}
        zoomOnDoubleClick={false}
        minZoom={0.05}
        maxZoom={2.5}
        onInit={onInit}
        proOptions={proOptions}
        ariaLabelConfig={ariaLabelConfig}
        className={className}
        style={LEVEL_STYLES[level]}
        tabIndex={0}
        aria-label={label}
      >
        <TriangleBackground language={boardLanguage} />
        <LaneRuler language={boardLanguage} />
        {presenting ? null : (
          <Panel position="top-right" className="ft-minimap-panel">
            <BoardMiniMap readModel={readModel} label={ariaLabelConfig['minimap.ariaLabel']} />
          </Panel>
        )}
        <Controls showInteractive={false} onFitView={onFit} />
      </ReactFlow>
    ),
    [
      board.nodes,
      board.edges,
      board.onNodesChange,
      board.onEdgesChange,
      onConnect,
      onNodeDragStart,
      onNodeDragStop,
      onSelectionDragStart,
      onSelectionDragStop,
      onNodeDoubleClick,
      onNodeClick,
      closeEditor,
      onMoveStart,
      readOnly,
      onInit,
      className,
      level,
      boardLanguage,
      readModel,
      onFit,
      presenting,
      ariaLabelConfig,
      label,
    ],
  );
});
