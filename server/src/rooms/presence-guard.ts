/**
 * Who may speak for a presence (awareness) client id, and what role others see (S-FAC-PRES-*).
 * Pure: one received awareness message, the connection that sent it and the current owners in;
 * the entries to apply — with `user.role` stamped from the connection's share token — out.
 *
 * - An id belongs to the connection that introduced it until that connection leaves (the room
 *   forgets the owner then). Another connection's entry for it is dropped: a viewer sending a
 *   newer clock for someone else's id can neither rename them for everyone nor make the victim's
 *   own client adopt the forged state.
 * - Except for the same participant: a connection whose `hello` named the same participant id
 *   as the owner's is the same device reconnecting before the server noticed the old socket
 *   died, and takes the id over.
 * - Entries a stock client merely echoes (others' states it heard, with their clock) change
 *   nothing and are dropped quietly; only those that would have changed something count as
 *   refused (`refused`).
 */
import { presenceNeedsStamp, type Role, stampPresenceRole } from '@fire-triangle/shared';
import * as encoding from 'lib0/encoding';
import type { AwarenessEntry } from '../protocol/wire-codec.ts';

/** What the guard needs to know about a connection. */
export interface PresenceSpeaker {
  readonly role: Role;
  /** The participant id its `hello` carried (checked), or null. */
  readonly participantId: string | null;
}

export interface AdmittedPresence {
  /** The awareness update to apply: the original bytes when nothing was dropped or stamped. */
  update: Uint8Array;
  /** The entries it holds. */
  entries: AwarenessEntry[];
  /** Entries for an id another connection owns that would have changed its presence. */
  refused: AwarenessEntry[];
}

/** Whether `speaker` may speak for an id `owner` holds (or nobody holds). */
export function maySpeakFor(speaker: PresenceSpeaker, owner: PresenceSpeaker | undefined): boolean {
  return (
    owner === undefined ||
    owner === speaker ||
    (speaker.participantId !== null && owner.participantId === speaker.participantId)
  );
}

/** The awareness update holding `entries` (y-protocols' encoding). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The part of one awareness message `speaker` may apply. `ownerOf` gives the connection that
 * holds an id; `isNews` whether an entry would change the room's presence (y-protocols' test:
 * a newer clock, or a removal of a present state).
 */
export function admitPresence<Speaker extends PresenceSpeaker>(
  speaker: Speaker,
  update: Uint8Array,
  entries: readonly AwarenessEntry[],
  ownerOf: (clientId: number) => Speaker | undefined,
  isNews: (entry: AwarenessEntry) => boolean,
): AdmittedPresence {
  let changed = false;
  const admitted: AwarenessEntry[] = [];
  const refused: AwarenessEntry[] = [];
  for (const entry of entries) {
    if (!maySpeakFor(speaker, ownerOf(entry.clientId))) {
      changed = true;
      if (isNews(entry)) refused.push(entry);
      continue;
    }
    if (presenceNeedsStamp(entry.state, speaker.role)) {
      changed = true;
      admitted.push({ ...entry, state: stampPresenceRole(entry.state, speaker.role) });
    } else {
      admitted.push(entry);
    }
  }
  return {
    update: changed ? encodeAwarenessEntries(admitted) : update,
    entries: admitted,
    refused,
  };
}
