import {
  CARD_SIZE,
  drawnCardColour,
  LANE_BANDS,
  LANE_COLOURS,
  TRIANGLE,
} from '@fire-triangle/shared';
import { useReactFlow, useStore } from '@xyflow/react';
import { type PointerEvent, useEffect, useRef } from 'react';
import type { BoardReadModel } from '../sync/boardReadModel.ts';

const WIDTH = 200;
const MARGIN = 80;
const SCALE = WIDTH / (TRIANGLE.width + MARGIN * 2);
const HEIGHT = Math.round((TRIANGLE.height + MARGIN * 2) * SCALE);
/** Card changes redraw the minimap at most this often; pans and zooms redraw at once. */
const CARD_REDRAW_MS = 250;

interface FlowState {
  transform: [number, number, number];
  width: number;
  height: number;
}
const transformSelector = (state: FlowState) => state.transform;
const widthSelector = (state: FlowState) => state.width;
const heightSelector = (state: FlowState) => state.height;

/**
 * The board's minimap, drawn on a canvas: the triangle, every card as a dot of its lane colour,
 * and the visible area. React Flow's own MiniMap keeps one SVG element and one store
 * subscription per node, which on a 2,000-card board costs more per drag frame than the drag
 * itself (measured by e2e/bench/drag.bench.ts); a canvas redrawn a few times a second does not.
 * Click or drag on it to move the view.
 */
export function BoardMiniMap({
  readModel,
  label = 'Minimap',
}: {
  readModel: BoardReadModel;
  label?: string;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const transform = useStore(transformSelector);
  const paneWidth = useStore(widthSelector);
  const paneHeight = useStore(heightSelector);
  const view = useRef({ transform, paneWidth, paneHeight });
  view.current = { transform, paneWidth, paneHeight };
  const reactFlow = useReactFlow();
  const draw = useRef<() => void>(() => {});
  /**
   * The triangle and the cards, drawn off screen when the cards change; a pan or a zoom only
   * copies it and draws the view's frame on top, so a zoom on 2,000 cards does not redraw them
   * on every wheel step (measured by e2e/bench/drag.bench.ts, zoom).
   */
  const cardsLayer = useRef<HTMLCanvasElement | null>(null);
  const cardsStale = useRef(true);

  const drawCards = (layer: HTMLCanvasElement, ratio: number) => {
    const context = layer.getContext('2d');
    if (!context) return;
    if (layer.width !== WIDTH * ratio) {
      layer.width = WIDTH * ratio;
      layer.height = HEIGHT * ratio;
    }
    context.setTransform(
      ratio * SCALE,
      0,
      0,
      ratio * SCALE,
      ratio * SCALE * MARGIN,
      ratio * SCALE * MARGIN,
    );
    context.clearRect(-MARGIN, -MARGIN, TRIANGLE.width + MARGIN * 2, TRIANGLE.height + MARGIN * 2);
    for (const band of LANE_BANDS) {
      context.beginPath();
      band.polygon.forEach((point, index) => {
        if (index === 0) context.moveTo(point.x, point.y);
        else context.lineTo(point.x, point.y);
      });
      context.closePath();
      context.globalAlpha = 0.15;
      context.fillStyle = LANE_COLOURS[band.lane];
      context.fill();
    }
    context.globalAlpha = 1;
    for (const card of readModel.cardList()) {
      context.fillStyle = drawnCardColour(card);
      context.fillRect(card.position.x, card.position.y, CARD_SIZE.width, CARD_SIZE.height);
    }
  };

  draw.current = () => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== WIDTH * ratio) {
      canvas.width = WIDTH * ratio;
      canvas.height = HEIGHT * ratio;
    }
    cardsLayer.current ??= document.createElement('canvas');
    if (cardsStale.current) {
      drawCards(cardsLayer.current, ratio);
      cardsStale.current = false;
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(cardsLayer.current, 0, 0);
    context.setTransform(
      ratio * SCALE,
      0,
      0,
      ratio * SCALE,
      ratio * SCALE * MARGIN,
      ratio * SCALE * MARGIN,
    );
    const {
      transform: [x, y, zoom],
      paneWidth: width,
      paneHeight: height,
    } = view.current;
    context.strokeStyle = '#1565c0';
    context.lineWidth = 2 / SCALE;
    context.strokeRect(-x / zoom, -y / zoom, width / zoom, height / zoom);
  };

  // Pans and zooms: redraw now.
  useEffect(() => {
    void transform;
    void paneWidth;
    void paneHeight;
    draw.current();
  }, [transform, paneWidth, paneHeight]);

  // Board changes: redraw, throttled.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = readModel.subscribe(() => {
      cardsStale.current = true;
      timer ??= setTimeout(() => {
        timer = null;
        draw.current();
      }, CARD_REDRAW_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [readModel]);

  const moveTo = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = (event.clientX - rect.left) / SCALE - MARGIN;
    const y = (event.clientY - rect.top) / SCALE - MARGIN;
    void reactFlow.setCenter(x, y, { zoom: reactFlow.getZoom() });
  };

  return (
    <div className="ft-minimap">
      <canvas
        ref={canvasRef}
        className="ft-minimap__canvas nodrag nopan"
        style={{ width: WIDTH, height: HEIGHT }}
        aria-label={label}
        role="img"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          moveTo(event);
        }}
        onPointerMove={(event) => {
          if (event.buttons === 1) moveTo(event);
        }}
      />
    </div>
  );
}
