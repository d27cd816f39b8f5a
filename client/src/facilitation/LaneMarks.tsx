/**
 * Locks and stages drawn on the triangle, for everyone: a locked lane is hatched with a lock and
 * the word "Locked" on its band; in stage mode the open lane is outlined and says so. Drawn in
 * board coordinates under the cards — an SVG layer put into React Flow's own container, between
 * its background and its pane (so it pans and zooms with the board and never takes a click) —
 * without touching the canvas component.
 */
import {
  isLaneLocked,
  LANE_BANDS,
  LANE_COLOURS,
  LANE_LABELS,
  type Lane,
  type LaneBand,
  type LockState,
  TRIANGLE,
} from '@fire-triangle/shared';
import { useStore } from '@xyflow/react';
import { createPortal } from 'react-dom';
import { useBoardContext } from '../board/BoardContext.ts';
import { ICON_PATHS, type IconName } from './icons.tsx';
import { useWorkshop } from './useFacilitation.ts';

const transformOf = (state: { transform: [number, number, number] }) => state.transform;
const containerOf = (state: { domNode: HTMLDivElement | null }) => state.domNode;

/**
 * Where a band's mark sits: just right of its label, on the label's line — the label is where
 * `TriangleBackground` draws it (centred; near the bottom of the apex band, near the top of the
 * others) and cards rarely sit there. Widths are estimated from the label's letters.
 */
function markAnchor(band: LaneBand, label: string): { x: number; y: number } {
  const fontSize = band.lane === 'objective' ? 56 : 64;
  const baseline = band.lane === 'objective' ? band.bottom - 150 : band.top + 70;
  const labelWidth = [...label].length * (fontSize * 0.7 + 6);
  return { x: TRIANGLE.width / 2 + labelWidth / 2 + 28, y: baseline - fontSize * 0.36 };
}

export function LaneMarks() {
  const container = useStore(containerOf);
  const locks = useWorkshop((state) => state.workshop.locks);
  const stage = useWorkshop((state) => state.workshop.stage);
  if (!container) return null;
  if (!locks.board && locks.lanes.length === 0 && !stage) return null;
  return createPortal(<LaneMarksLayer locks={locks} stage={stage} />, container);
}

function LaneMarksLayer({ locks, stage }: { locks: LockState; stage: Lane | null }) {
  const [x, y, zoom] = useStore(transformOf);
  const { t, boardLanguage } = useBoardContext();
  const labels = LANE_LABELS[boardLanguage];
  return (
    <svg className="ft-lane-marks" aria-hidden="true">
      <defs>
        <pattern
          id="ft-lock-hatch"
          width="28"
          height="28"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="28" height="28" fill="#5b6170" fillOpacity="0.05" />
          <line
            x1="0"
            y1="0"
            x2="0"
            y2="28"
            stroke="#5b6170"
            strokeOpacity="0.22"
            strokeWidth="9"
          />
        </pattern>
      </defs>
      <g transform={`translate(${x} ${y}) scale(${zoom})`}>
        {LANE_BANDS.map((band) => {
          const points = band.polygon.map((point) => `${point.x},${point.y}`).join(' ');
          const locked = isLaneLocked(locks, band.lane);
          const open = stage === band.lane && !locked;
          if (!locked && !open) return null;
          return (
            <g
              key={band.lane}
              className={locked ? 'ft-lane-lock' : 'ft-lane-open'}
              data-lane={band.lane}
            >
              <polygon
                points={points}
                fill={locked ? 'url(#ft-lock-hatch)' : LANE_COLOURS[band.lane]}
                fillOpacity={locked ? 1 : 0.08}
                stroke={locked ? '#5b6170' : LANE_COLOURS[band.lane]}
                strokeOpacity={locked ? 0.5 : 0.9}
                strokeWidth={locked ? 4 : 10}
                strokeDasharray={locked ? '18 12' : undefined}
              />
              <BandLabel
                band={band}
                laneLabel={labels[band.lane]}
                icon={locked ? 'lock' : 'pen'}
                text={locked ? t('fac.lane.locked') : t('fac.lane.open')}
                colour={locked ? '#3d4250' : LANE_COLOURS[band.lane]}
              />
            </g>
          );
        })}
      </g>
    </svg>
  );
}

function BandLabel(props: {
  band: LaneBand;
  laneLabel: string;
  icon: IconName;
  text: string;
  colour: string;
}) {
  const { x, y } = markAnchor(props.band, props.laneLabel);
  const width = [...props.text].length * 19 + 96;
  return (
    <g className="ft-lane-marks__pill">
      <rect
        x={x}
        y={y - 28}
        width={width}
        height={56}
        rx={28}
        fill="white"
        fillOpacity={0.95}
        stroke={props.colour}
        strokeWidth={3}
      />
      <g
        transform={`translate(${x + 18} ${y - 18}) scale(1.5)`}
        fill="none"
        stroke={props.colour}
        strokeWidth={2.4}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {ICON_PATHS[props.icon].map((path) => (
          <path key={path} d={path} />
        ))}
      </g>
      <text
        x={x + 64}
        y={y + 11}
        fontSize={32}
        fontWeight={700}
        fill={props.colour}
        className="ft-lane-marks__label"
      >
        {props.text}
      </text>
    </g>
  );
}
