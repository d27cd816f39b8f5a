/**
 * The drag benchmark's peer: a bare React Flow page (default nodes, default edges, the standard
 * `useNodesState` wiring) showing the same cards and links as a Fire Triangle board. The
 * benchmark drags one card here and on the real board and compares frame times.
 *
 * Opened as `/bench.html?board=<id>&token=<token>`; it reads the board through the export API.
 */
import '@xyflow/react/dist/style.css';
import { type Edge, type Node, ReactFlow, useEdgesState, useNodesState } from '@xyflow/react';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';

interface ExportedBoard {
  cards: { id: string; title: string; position: { x: number; y: number } }[];
  links: { id: string; from: string; to: string }[];
}

function BarePage({ board }: { board: ExportedBoard }) {
  const [nodes, , onNodesChange] = useNodesState<Node>(
    board.cards.map((card) => ({
      id: card.id,
      position: card.position,
      data: { label: card.title },
      style: { width: 200, height: 96 },
    })),
  );
  const [edges, , onEdgesChange] = useEdgesState<Edge>(
    board.links.map((link) => ({ id: link.id, source: link.from, target: link.to })),
  );
  useEffect(() => {
    document.body.dataset.ready = 'true';
  }, []);
  return (
    <div style={{ position: 'fixed', inset: 0 }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        minZoom={0.05}
        onInit={(instance) => {
          const fit = () =>
            void instance.fitBounds({ x: 0, y: 0, width: 3200, height: 2000 }, { padding: 0.04 });
          fit();
          // The benchmark puts the view back between gestures, as the board's "Fit" button does.
          (window as { __fit?: () => void }).__fit = fit;
        }}
      />
    </div>
  );
}

async function main() {
  const params = new URLSearchParams(location.search);
  const board = params.get('board') ?? '';
  const token = params.get('token') ?? '';
  const response = await fetch(
    `/api/boards/${encodeURIComponent(board)}/export?token=${encodeURIComponent(token)}`,
  );
  if (!response.ok) throw new Error(`export failed: ${response.status}`);
  const data = (await response.json()) as ExportedBoard;
  createRoot(document.getElementById('root')!).render(<BarePage board={data} />);
}

void main();
