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
  type Lane,
  type LaneBand,
  type LockState,
  TRIANGLE,
} from '@fire-triangle/shared';
import { useStore } from '@xyflow/react';
import { createPortal } from 'react-dom';
import { useBoardContext } from '../board/BoardContext.ts';
import { useWorkshop } from './useFacilitation.ts';

const transformOf = (state: { transform: [number, number, number] }) => state.transform;
const containerOf = (state: { domNode: HTMLDivElement | null }) => state.domNode;

/** Where a band's marks sit: under its label (the apex band's label is near its bottom). */
function markY(band: LaneBand): number {
  return band.lane === 'objective' ? band.bottom - 88 : band.top + 128;
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
  const { t } = useBoardContext();
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
                text={locked ? `🔒 ${t('fac.lane.locked')}` : `✎ ${t('fac.lane.open')}`}
                colour={locked ? '#3d4250' : LANE_COLOURS[band.lane]}
              />
            </g>
          );
        })}
      </g>
    </svg>
  );
}

function BandLabel({ band, text, colour }: { band: LaneBand; text: string; colour: string }) {
  const centreX = TRIANGLE.width / 2;
  const width = Math.max(220, text.length * 24 + 48);
  const y = markY(band);
  return (
    <g>
      <rect
        x={centreX - width / 2}
        y={y - 34}
        width={width}
        height={52}
        rx={26}
        fill="white"
        fillOpacity={0.92}
        stroke={colour}
        strokeWidth={3}
      />
      <text
        x={centreX}
        y={y + 3}
        textAnchor="middle"
        fontSize={34}
        fontWeight={700}
        fill={colour}
        className="ft-lane-marks__label"
      >
        {text}
      </text>
    </g>
  );
}
