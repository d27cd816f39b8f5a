/**
 * How the board is looked at: the level of detail a card is drawn with at each zoom, and the view
 * a board opens with. Pure numbers, so they are tested without a browser, and the card's font
 * sizes live here once (the canvas sets them as CSS variables).
 *
 * Why these numbers (issue #14): text below ~12 screen pixels is not readable, and a board that
 * opens at "fit the triangle" (zoom 0.34 at 1440×900) drew 13 px titles at 4.4 px. So a card's
 * title grows (in board units) as the zoom shrinks, one step per level, keeping it at 12 screen
 * pixels or more from zoom 0.55 up; and a board opens on its cards at zoom ≥ 0.55.
 */
import { CARD_SIZE, type Point, TRIANGLE } from '@fire-triangle/shared';

export type DetailLevel = 'near' | 'mid' | 'far';

export interface DetailLevelSpec {
  level: DetailLevel;
  /** The level applies from this zoom up (to the next level's). */
  minZoom: number;
  /** The title's font size in board units (CSS px at zoom 1). */
  titleSize: number;
  /** The title's line count before it is cut with an ellipsis. */
  titleLines: number;
}

/**
 * Near: the whole card (lane, title, body, plan fields, menu). Mid: the title alone, large.
 * Far: the title alone, larger still, two lines (a map's labels stay readable the same way).
 */
export const DETAIL_LEVELS: readonly DetailLevelSpec[] = [
  { level: 'near', minZoom: 0.9, titleSize: 14, titleLines: 2 },
  { level: 'mid', minZoom: 0.55, titleSize: 22, titleLines: 3 },
  { level: 'far', minZoom: 0, titleSize: 30, titleLines: 2 },
];

/** The smallest zoom at which every card's title is drawn at 12 screen pixels or more. */
export const READABLE_ZOOM = 0.55;
/** The smallest text size, in screen pixels, counted as readable (WCAG gives no minimum; 12 is
 * the common floor of UI text). */
export const READABLE_TEXT_PX = 12;

export function detailLevel(zoom: number): DetailLevelSpec {
  return DETAIL_LEVELS.find((spec) => zoom >= spec.minZoom) ?? DETAIL_LEVELS.at(-1)!;
}

/** A React Flow viewport: a board point p is drawn at p × zoom + (x, y) in the canvas. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface CanvasSize {
  width: number;
  height: number;
}

/** Room kept around what a view frames, in screen pixels (the zoom buttons and minimap float there). */
const FRAME_MARGIN_PX = 28;
/** A board opens no closer than this: a few cards should not fill a laptop screen. */
const MAX_OPENING_ZOOM = 1;

/** The whole triangle in the canvas (the "Fit the triangle" view, and an empty board's). */
export function triangleViewport(canvas: CanvasSize): Viewport {
  return frame({ x: 0, y: 0, width: TRIANGLE.width, height: TRIANGLE.height }, canvas, 0);
}

function frame(
  box: { x: number; y: number; width: number; height: number },
  canvas: CanvasSize,
  minZoom: number,
): Viewport {
  const width = Math.max(1, canvas.width - 2 * FRAME_MARGIN_PX);
  const height = Math.max(1, canvas.height - 2 * FRAME_MARGIN_PX);
  const fit = Math.min(width / box.width, height / box.height, MAX_OPENING_ZOOM);
  const zoom = Math.max(fit, minZoom);
  const centreX = box.x + box.width / 2;
  const x = canvas.width / 2 - centreX * zoom;
  if (fit >= minZoom) {
    const centreY = box.y + box.height / 2;
    return { x, y: canvas.height / 2 - centreY * zoom, zoom };
  }
  // The cards do not fit at a readable zoom: show the top of them — the objectives first, as a
  // workshop reads the triangle — centred across, and let the minimap show the rest.
  return { x, y: FRAME_MARGIN_PX - box.y * zoom, zoom };
}

/**
 * The view a board opens with: its cards framed, at a zoom where their titles are readable
 * (≥ `READABLE_ZOOM`), never closer than 1; when they do not all fit at that zoom, the top of
 * them (the apex) centred across. A board without cards shows the whole triangle.
 * @param positions the cards' top-left positions (board units)
 */
export function openingViewport(positions: readonly Point[], canvas: CanvasSize): Viewport {
  if (positions.length === 0) return triangleViewport(canvas);
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const { x, y } of positions) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + CARD_SIZE.width);
    maxY = Math.max(maxY, y + CARD_SIZE.height);
  }
  return frame(
    { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
    canvas,
    READABLE_ZOOM,
  );
}

/** Where a board point is drawn in the canvas for a viewport (screen pixels from its corner). */
export function toScreen(point: Point, viewport: Viewport): Point {
  return { x: point.x * viewport.zoom + viewport.x, y: point.y * viewport.zoom + viewport.y };
}
