/**
 * The few icons the facilitation tools draw, as inline SVG (1em, `currentColor`): emoji would
 * depend on the fonts of each machine (a conference laptop without a colour emoji font shows
 * empty boxes), these do not. Strokes after the Lucide set's shapes (ISC licence), drawn here
 * by hand at 24 units.
 */
import type { ReactNode } from 'react';

export type IconName =
  | 'lock'
  | 'bell'
  | 'bell-off'
  | 'pause'
  | 'stop'
  | 'play'
  | 'target'
  | 'eye'
  | 'pin'
  | 'pen'
  | 'plus';

/** The drawing of each icon, in a 24 × 24 box. */
export const ICON_PATHS: Readonly<Record<IconName, readonly string[]>> = {
  lock: ['M6 11h12v10H6z', 'M8 11V7a4 4 0 0 1 8 0v4'],
  bell: ['M6 16V11a6 6 0 0 1 12 0v5l2 2H4z', 'M10 21h4'],
  'bell-off': ['M6 16V11a6 6 0 0 1 12 0v5l2 2H4z', 'M10 21h4', 'M3 3l18 18'],
  pause: ['M8 5v14', 'M16 5v14'],
  stop: ['M6 6h12v12H6z'],
  play: ['M7 5l12 7-12 7z'],
  target: [
    'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18',
    'M12 8a4 4 0 1 0 0 8 4 4 0 1 0 0-8',
    'M12 11.5v1',
  ],
  eye: ['M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12z', 'M12 9a3 3 0 1 0 0 6 3 3 0 1 0 0-6'],
  pin: ['M12 22s7-6.5 7-12a7 7 0 0 0-14 0c0 5.5 7 12 7 12z', 'M12 7a3 3 0 1 0 0 6 3 3 0 1 0 0-6'],
  pen: ['M4 20h4L19 9l-4-4L4 16z', 'M13 7l4 4'],
  plus: ['M12 5v14', 'M5 12h14'],
};

export function Icon({ name, label }: { name: IconName; label?: string }): ReactNode {
  return (
    <svg
      className={`ft-icon ft-icon--${name}`}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.2}
      strokeLinecap="round"
      strokeLinejoin="round"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    >
      {ICON_PATHS[name].map((path) => (
        <path key={path} d={path} />
      ))}
    </svg>
  );
}
