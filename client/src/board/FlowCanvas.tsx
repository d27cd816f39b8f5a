import type { Language } from '@fire-triangle/shared';
import {
  type Connection,
  ConnectionMode,
  Controls,
  MarkerType,
  Panel,
  ReactFlow,
  useStore,
} from '@xyflow/react';
import { memo, useCallback, useMemo } from 'react';
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
import { GhostNode, LinkEdge } from './LinkEdge.tsx';
import { TriangleBackground } from './TriangleBackground.tsx';

const nodeTypes = { card: CardNode, ghost: GhostNode };
const edgeTypes = { link: LinkEdge };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
const proOptions = { hideAttribution: false };
const isValidConnection = (edge: { source: string; target: string }) =>
  edge.source !== edge.target && !isGhost(edge.source) && !isGhost(edge.target);
/** Below this zoom a card's text is too small to read: draw cards as coloured titles only. */
const FAR_ZOOM = 0.6;
const isFar = (state: { transform: [number, number, number] }) => state.transform[2] < FAR_ZOOM;

export interface FlowCanvasProps {
  readModel: BoardReadModel;
  actions: BoardActions;
  ui: BoardUi;
  readOnly: boolean;
  boardLanguage: Language;
  onConnect(connection: Connection): void;
  onFit(): void;
}

/**
 * React Flow and nothing else: it re-renders on every drag frame and every remote move, so it
 * is kept apart from the header, toolbar and panels (which follow structural changes only).
 */
export const FlowCanvas = memo(function FlowCanvas(props: FlowCanvasProps) {
  const { readModel, actions, ui, readOnly, boardLanguage } = props;
  const board = useBoardNodes(readModel, actions, ui, { readOnly, language: boardLanguage });
  // Level of detail: one class on the canvas (flips only when the zoom crosses the threshold),
  // so thousands of cards paint far less while the whole triangle is in view.
  const far = useStore(isFar);

  const { onDragStop } = board;
  const onNodeDragStop = useCallback(
    (_event: unknown, _node: unknown, nodes: BoardFlowNode[]) => onDragStop(nodes),
    [onDragStop],
  );
  const onSelectionDragStop = useCallback(
    (_event: unknown, nodes: BoardFlowNode[]) => onDragStop(nodes),
    [onDragStop],
  );
  const onNodeDoubleClick = useCallback(
    (_event: unknown, node: BoardFlowNode) => {
      if (!readOnly && !isGhost(node.id)) ui.getState().edit(node.id);
    },
    [ui, readOnly],
  );
  const closeEditor = useCallback(() => ui.getState().edit(null), [ui]);
  const { onFit } = props;
  const onInit = useCallback(() => onFit(), [onFit]);

  // The same element while nothing React Flow sees has changed: our own drag echoing back from
  // the doc re-runs this component's hooks but not React Flow's whole tree.
  const { onConnect } = props;
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
        onNodeDragStart={board.onDragStart}
        onNodeDragStop={onNodeDragStop}
        onSelectionDragStart={board.onDragStart}
        onSelectionDragStop={onSelectionDragStop}
        onNodeDoubleClick={onNodeDoubleClick}
        onPaneClick={closeEditor}
        connectionMode={ConnectionMode.Loose}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        deleteKeyCode={null}
        zoomOnDoubleClick={false}
        minZoom={0.05}
        maxZoom={2.5}
        onInit={onInit}
        proOptions={proOptions}
        className={far ? 'ft-flow ft-flow--far' : 'ft-flow'}
      >
        <TriangleBackground language={boardLanguage} />
        <Panel position="top-right">
          <BoardMiniMap readModel={readModel} />
        </Panel>
        <Controls showInteractive={false} onFitView={onFit} />
      </ReactFlow>
    ),
    [
      board.nodes,
      board.edges,
      board.onNodesChange,
      board.onEdgesChange,
      board.onDragStart,
      onConnect,
      onNodeDragStop,
      onSelectionDragStop,
      onNodeDoubleClick,
      closeEditor,
      readOnly,
      onInit,
      far,
      boardLanguage,
      readModel,
      onFit,
    ],
  );
});
