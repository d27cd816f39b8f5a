import { LANE_BANDS, LANE_LABELS, type Language, TRIANGLE } from '@fire-triangle/shared';
import { ViewportPortal } from '@xyflow/react';

/**
 * Each band's fill and edge: its lane's colour mixed into the canvas background (10 % and 45 %),
 * as opaque colours — a translucent fill the size of the screen costs a blend of every pixel it
 * covers on each frame of a pan or a zoom.
 */
const BAND_FILLS = {
  objective: '#fbece6',
  strategy: '#fcf4e3',
  plan: '#e8e8ea',
  tactic: '#eef2f4',
} as const;
const BAND_EDGES = {
  objective: '#f2b29e',
  strategy: '#f8d692',
  plan: '#9ea2b3',
  tactic: '#b9d0de',
} as const;

/** Lane names are words: drawn in a dark shade of each lane's colour, readable on its band. */
const LANE_LABEL_COLOURS = {
  objective: '#b5381a',
  strategy: '#8a5a00',
  plan: '#29335c',
  tactic: '#2f6486',
} as const;

/**
 * The fire triangle drawn behind the cards, in board coordinates: four bands, apex up, labelled
 * in the board's language. It sits inside the viewport, below the links and cards, so it pans and
 * zooms with them without a React render per frame (it used to be a full-canvas SVG re-drawn
 * with each new transform, which the pan benchmark measured).
 */
export function TriangleBackground({ language }: { language: Language }) {
  return (
    <ViewportPortal>
      <svg
        className="ft-triangle"
        aria-hidden="true"
        width={TRIANGLE.width}
        height={TRIANGLE.height}
        viewBox={`0 0 ${TRIANGLE.width} ${TRIANGLE.height}`}
      >
        <TriangleShapes language={language} />
      </svg>
    </ViewportPortal>
  );
}

/** The bands and labels alone, shared by the canvas and the image export. */
export function TriangleShapes({ language }: { language: Language }) {
  return (
    <>
      {LANE_BANDS.map((band) => (
        <polygon
          key={band.lane}
          className={`ft-triangle__band ft-triangle__band--${band.lane}`}
          points={band.polygon.map((point) => `${point.x},${point.y}`).join(' ')}
          fill={BAND_FILLS[band.lane]}
          stroke={BAND_EDGES[band.lane]}
          strokeWidth={3}
        />
      ))}
      {LANE_BANDS.map((band) => (
        <text
          key={band.lane}
          className="ft-triangle__label"
          x={TRIANGLE.width / 2}
          y={band.lane === 'objective' ? band.bottom - 150 : band.top + 70}
          textAnchor="middle"
          fill={LANE_LABEL_COLOURS[band.lane]}
          fillOpacity={0.7}
          fontSize={band.lane === 'objective' ? 56 : 64}
          fontWeight={700}
          letterSpacing={6}
        >
          {LANE_LABELS[language][band.lane].toUpperCase()}
        </text>
      ))}
    </>
  );
}
