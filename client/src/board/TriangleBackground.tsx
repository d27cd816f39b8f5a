import {
  LANE_BANDS,
  LANE_COLOURS,
  LANE_LABELS,
  type Language,
  TRIANGLE,
} from '@fire-triangle/shared';
import { useStore } from '@xyflow/react';

const transformSelector = (state: { transform: [number, number, number] }) => state.transform;

/** Lane names are words: drawn in a dark shade of each lane's colour, readable on its band. */
const LANE_LABEL_COLOURS = {
  objective: '#b5381a',
  strategy: '#8a5a00',
  plan: '#29335c',
  tactic: '#2f6486',
} as const;

/**
 * The fire triangle drawn behind the cards, in board coordinates (it pans and zooms with them):
 * four bands, apex up, labelled in the board's language.
 */
export function TriangleBackground({ language }: { language: Language }) {
  const [x, y, zoom] = useStore(transformSelector);
  return (
    <svg
      className="react-flow__background ft-triangle"
      aria-hidden="true"
      style={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }}
    >
      <g transform={`translate(${x} ${y}) scale(${zoom})`}>
        <TriangleShapes language={language} />
      </g>
    </svg>
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
          fill={LANE_COLOURS[band.lane]}
          fillOpacity={0.1}
          stroke={LANE_COLOURS[band.lane]}
          strokeOpacity={0.45}
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
