/**
 * "Follow me" (S-FAC-BRING-1: following is each client's own business): every tab publishes what
 * it looks at in presence as a `SharedViewport` — the board point at the centre of its canvas
 * and its zoom — and a follower centres the same point at the same zoom on its own canvas,
 * whatever its size. Pure: React Flow's transform `[x, y, zoom]` (screen = board × zoom +
 * translation) and the canvas size in, viewports out.
 */
import type { SharedViewport } from '@fire-triangle/shared';
import type { Participant } from '../sync/presence.ts';

export type Transform = readonly [x: number, y: number, zoom: number];

/** What a canvas of `size` (pixels) shows under `transform`, as others need it. */
export function sharedViewportOf(
  transform: Transform,
  size: { width: number; height: number },
): SharedViewport {
  const [x, y, zoom] = transform;
  return {
    centre: { x: (size.width / 2 - x) / zoom, y: (size.height / 2 - y) / zoom },
    zoom,
  };
}

/** The transform that shows `viewport` on a canvas of `size`. */
export function transformFor(
  viewport: SharedViewport,
  size: { width: number; height: number },
): { x: number; y: number; zoom: number } {
  const { centre, zoom } = viewport;
  return { x: size.width / 2 - centre.x * zoom, y: size.height / 2 - centre.y * zoom, zoom };
}

/** Two viewports a person could not tell apart (under a pixel of the board at that zoom, ~0.1 %
 * of zoom): a follower does not move for them. */
export function sameViewport(a: SharedViewport | null, b: SharedViewport | null): boolean {
  if (!a || !b) return a === b;
  return (
    Math.abs(a.zoom - b.zoom) <= a.zoom * 0.001 &&
    Math.abs(a.centre.x - b.centre.x) * a.zoom < 1 &&
    Math.abs(a.centre.y - b.centre.y) * a.zoom < 1
  );
}

export type FollowStatus =
  | { kind: 'none' }
  /** Following `leader`; `viewport` is null until they have published one. */
  | { kind: 'following'; leader: Participant; viewport: SharedViewport | null }
  /** The followed participant is no longer here (or is this tab). */
  | { kind: 'gone' };

/** Where following `leaderId` stands, from everyone's presence. */
export function followStatus(
  participants: readonly Participant[],
  leaderId: number | null,
): FollowStatus {
  if (leaderId === null) return { kind: 'none' };
  const leader = participants.find((participant) => participant.clientId === leaderId);
  if (!leader || leader.isSelf) return { kind: 'gone' };
  return { kind: 'following', leader, viewport: leader.viewport };
}

/** How many participants follow `clientId` (shown to a presenter). */
export function followerCount(participants: readonly Participant[], clientId: number): number {
  return participants.filter((participant) => participant.following === clientId).length;
}
