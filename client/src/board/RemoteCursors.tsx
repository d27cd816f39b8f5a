import { useStore, ViewportPortal } from '@xyflow/react';
import type { Participant } from '../sync/useAwareness.ts';
import { nameTagColours } from './contrast.ts';

/** Other participants' pointers, placed in board coordinates so they point at the same card. */
export function RemoteCursors({ participants }: { participants: Participant[] }) {
  // Counter the zoom so a cursor keeps its size on screen.
  const zoom = useStore((state) => state.transform[2]);
  return (
    <ViewportPortal>
      {participants
        .filter((participant) => !participant.isSelf && participant.cursor)
        .map((participant) => (
          <div
            key={participant.clientId}
            className="ft-cursor"
            data-name={participant.name}
            style={{
              transform: `translate(${participant.cursor!.x}px, ${participant.cursor!.y}px) scale(${1 / zoom})`,
              color: participant.colour,
            }}
          >
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
              <path
                d="M1 1 L17 7 L9 9 L7 17 Z"
                fill="currentColor"
                stroke="white"
                strokeWidth="1.5"
              />
            </svg>
            <span className="ft-cursor__name" style={nameTagColours(participant.colour)}>
              {participant.name}
            </span>
          </div>
        ))}
    </ViewportPortal>
  );
}
