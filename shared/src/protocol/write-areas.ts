/**
 * Who may write which part of a board (BRIEF decision 1; docs/server-spec.md S-WRITE-*). The
 * server enforces it on every client update (`server/src/rooms/write-policy.ts`); the client
 * reads the same lists to offer only what the person may change, and shows
 * `WRITE_REFUSAL_MESSAGES` when a `write-refused` frame (`protocol/frames.ts`) arrives.
 *
 * Areas:
 * - `meta` keys only the server writes (`SERVER_ONLY_META_KEYS`) and the whole facilitation
 *   state, the `session` map (`board/session.ts`): refused from every role (`server-only`);
 * - `meta` keys only a facilitator writes (`FACILITATOR_ONLY_META_KEYS`: `facilitator-only`);
 * - cards and links of a locked lane, or of any lane while the board is locked
 *   (`session.locks`): refused from editors (`locked`, naming the lane) — creating, editing,
 *   moving into or out of, deleting or linking such a card;
 * - during a private writing round (`session.privateRound`), an editor's new card on the board
 *   itself (`private-round`): new cards go to the participant's private doc.
 * Everything else — cards, links, their text and positions — any editor or facilitator may
 * change; a viewer may change nothing.
 */
import { IMPORT_MARKER_KEY, META_KEYS } from '../board/doc.ts';
import type { Lane, Language } from '../board/lanes.ts';

/** `meta` keys only the server writes: the layout version (migrations run on the server). */
export const SERVER_ONLY_META_KEYS: readonly string[] = [META_KEYS.schemaVersion];

/**
 * `meta` keys only a facilitator writes: the board's settings, and the import marker every
 * import writes (so an editor's import is refused whole).
 */
export const FACILITATOR_ONLY_META_KEYS: readonly string[] = [
  META_KEYS.title,
  META_KEYS.language,
  META_KEYS.focusLimit,
  IMPORT_MARKER_KEY,
];

/**
 * Why a write was refused (the label of `fire_triangle_writes_refused_total{reason}` too):
 * - `server-only`: it changed something only the server writes;
 * - `facilitator-only`: an editor changed a board setting or imported a board;
 * - `unattributable`: the update depends on changes the server does not have, so the server
 *   cannot tell what it would change; it asks the client to resync instead;
 * - `locked`: an editor changed a card or link of a locked lane (or anything on a locked board);
 * - `private-round`: an editor created a card on the board during a private writing round;
 * - `over-limit`: it grew a card's text past `LIMITS` (title, body, plan fields, colour, author),
 *   wrote a card field of the wrong kind, or added cards or links past `LIMITS.cards` / `links`
 *   (S-LIMIT-11: what the live board holds, export writes and import accepts again).
 */
export const WRITE_REFUSAL_REASONS = [
  'server-only',
  'facilitator-only',
  'unattributable',
  'locked',
  'private-round',
  'over-limit',
] as const;

export type WriteRefusalReason = (typeof WRITE_REFUSAL_REASONS)[number];

/**
 * One refused part of a change: why, where (`meta.title`, `session.timer`, `cards.<id>`,
 * `links.<id>`; absent for `unattributable`) and, for `locked`, which lane is locked (absent
 * when the whole board is).
 */
export interface WriteRefusal {
  reason: WriteRefusalReason;
  path?: string;
  lane?: Lane;
}

export function isWriteRefusalReason(value: unknown): value is WriteRefusalReason {
  return typeof value === 'string' && (WRITE_REFUSAL_REASONS as readonly string[]).includes(value);
}

/** What the client shows the person whose change was undone, in the board's language. */
export const WRITE_REFUSAL_MESSAGES: Readonly<
  Record<WriteRefusalReason, Readonly<Record<Language, string>>>
> = {
  'server-only': {
    en: 'The server manages this part of the board; your change was undone.',
    fr: 'Le serveur gère cette partie du tableau ; votre modification a été annulée.',
  },
  'facilitator-only': {
    en: 'Only a facilitator can change the board’s settings or import a board; your change was undone.',
    fr: 'Seul un animateur peut modifier les réglages du tableau ou importer un tableau ; votre modification a été annulée.',
  },
  unattributable: {
    en: 'A change from this page could not be checked by the server and was undone; the page is catching up.',
    fr: 'Une modification de cette page n’a pas pu être vérifiée par le serveur et a été annulée ; la page se remet à jour.',
  },
  locked: {
    en: 'The facilitator has locked this part of the board; your change was undone.',
    fr: 'L’animateur a verrouillé cette partie du tableau ; votre modification a été annulée.',
  },
  'over-limit': {
    en: 'This goes past the board’s limits (a card’s text, or the number of cards or links); your change was undone.',
    fr: 'Cela dépasse les limites du tableau (le texte d’une carte, ou le nombre de cartes ou de liens) ; votre modification a été annulée.',
  },
  'private-round': {
    en: 'A private writing round is running: new cards stay private until it ends. Your card was undone.',
    fr: 'Un tour d’écriture individuelle est en cours : les nouvelles cartes restent privées jusqu’à la fin. Votre carte a été annulée.',
  },
};
