/**
 * Who a connection is, for the history: the name its own presence declares (`user.name`, the
 * stock client's and ours) and the role of its share token. The one place that reads it, so
 * when the server stamps presence from the connection (issue #13) only this changes.
 */
import { cleanName, LIMITS, type Role, type VersionParticipant } from '@fire-triangle/shared';
import type { BoardConnection } from '../rooms/board-connection.ts';
import type { BoardRoom } from '../rooms/board-room.ts';

/** Longest name kept (the client draws at most 40 characters of one). */
const MAX_NAME_LENGTH = LIMITS.personNameLength;

/** The name a connection goes by on this board ('' when its presence says none). */
export function participantName(room: BoardRoom, connection: BoardConnection): string {
  const states = room.awareness.getStates();
  for (const clientId of connection.awarenessClientIds) {
    const user = (states.get(clientId) as { user?: { name?: unknown } } | undefined)?.user;
    const name = typeof user?.name === 'string' ? cleanName(user.name, MAX_NAME_LENGTH) : '';
    if (name !== '') return name;
  }
  return '';
}

/** Everyone connected now, once per name and role (a person with two tabs is one). */
export function connectedParticipants(room: BoardRoom): VersionParticipant[] {
  const seen = new Map<string, VersionParticipant>();
  for (const connection of room.connections) {
    const name = participantName(room, connection);
    const role: Role = connection.role;
    seen.set(`${role}\u0000${name}`, { name, role });
  }
  return [...seen.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.role.localeCompare(b.role),
  );
}
