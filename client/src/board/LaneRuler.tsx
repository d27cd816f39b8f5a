import { LANE_BANDS, LANE_LABELS, type Language } from '@fire-triangle/shared';
import { useStore } from '@xyflow/react';

interface FlowView {
  transform: [number, number, number];
  height: number;
}
const viewSelector = (state: FlowView) =>
  `${state.transform[1]}:${state.transform[2]}:${state.height}`;
/** Room a label takes (screen px), so it stays inside its band's visible part. */
const LABEL_HEIGHT = 26;
const MARGIN = 8;
/** Kept clear at the bottom left for the zoom buttons (screen px). */
const CONTROLS_HEIGHT = 120;

/**
 * The lane names at the left edge of the canvas, each beside its band wherever the view is: the
 * triangle's own labels are drawn on the board and leave the screen as soon as one zooms in (or
 * are specks when zoomed out), but a person placing a card should always read which lane it is.
 * Screen-sized text (13 px), whatever the zoom.
 */
export function LaneRuler({ language }: { language: Language }) {
  const view = useStore(viewSelector);
  const [y, zoom, height] = view.split(':').map(Number) as [number, number, number];
  return (
    <div className="ft-lane-ruler" aria-hidden="true">
      {LANE_BANDS.map((band) => {
        const top = band.top * zoom + y;
        const bottom = band.bottom * zoom + y;
        if (
          bottom - top < LABEL_HEIGHT + 2 * MARGIN ||
          bottom < MARGIN + LABEL_HEIGHT ||
          top > height
        ) {
          return null;
        }
        const at = Math.min(
          Math.max(top + MARGIN, MARGIN),
          bottom - LABEL_HEIGHT - MARGIN,
          height - CONTROLS_HEIGHT - LABEL_HEIGHT,
        );
        if (at < top - LABEL_HEIGHT) return null;
        return (
          <span
            key={band.lane}
            className={`ft-lane-ruler__label ft-lane-chip ft-lane-chip--${band.lane}`}
            style={{ transform: `translateY(${at}px)` }}
          >
            {LANE_LABELS[language][band.lane]}
          </span>
        );
      })}
    </div>
  );
}
