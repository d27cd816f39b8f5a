/**
 * Who is here, for a header that has room for a few faces and a board with up to a hundred
 * people: the order (this person, then facilitators, then everyone by name) and how many faces
 * fit before "+N". Pure.
 */
import type { Participant } from '../sync/presence.ts';

/** Faces shown in the header before "+N" (the rest are in the full list). */
export const FACES_SHOWN = 5;

/** This person first, then facilitators, then by name (locale order), then by client id. */
export function orderPeople(participants: readonly Participant[]): Participant[] {
  const rank = (participant: Participant) =>
    participant.isSelf ? 0 : participant.role === 'facilitator' ? 1 : 2;
  return [...participants].sort(
    (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.clientId - b.clientId,
  );
}

/** The faces in the header and how many more there are. */
export function splitFaces(
  ordered: readonly Participant[],
  shown: number = FACES_SHOWN,
): { faces: Participant[]; more: number } {
  // "+1" takes the room of a face: show the face instead.
  if (ordered.length <= shown + 1) return { faces: [...ordered], more: 0 };
  return { faces: ordered.slice(0, shown), more: ordered.length - shown };
}

/** One or two letters for a face: the initials of the first two words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.slice(0, 2).map((word) => [...word][0]?.toUpperCase() ?? '');
  return letters.join('') || '?';
}
