/**
 * Who a device is, on one board. Share links carry a role, not a person; votes and private
 * cards need a person, so the server gives each device a **participant id** on each board,
 * signed with the server's secret like a share token (S-FAC-ID-*):
 *
 *   participant token = base64url(JSON {v: 1, b: boardId, p: participantId}) . base64url(HMAC-SHA256(secret, "participant." + payload))
 *
 * (the "participant." prefix keeps a participant token from ever passing as a share token, and
 * the other way round). The participant id is 22 base64url characters (128 random bits).
 *
 * The client keeps the token per board in `localStorage` under `participantStorageKey(boardId)`
 * and presents it in its `hello` frame (`frames.ts`); the server answers with a `welcome`
 * frame holding the token to keep — the same one when it checks, a new one when the client
 * brought none or one the server did not sign (a forged or damaged token is counted in
 * `fire_triangle_participant_tokens_refused_total` and never used).
 *
 * What it prevents: using someone else's dots or private cards — nobody can make a token for an
 * id they were not given. What it does not: one person with several devices, browsers or a
 * cleared `localStorage` is several participants (several sets of dots). Share links are
 * anonymous by design; a workshop that needs one vote per person needs accounts, which Fire
 * Triangle does not have.
 *
 * The private room of a participant (their private cards during a private writing round) is the
 * board's websocket with one more parameter: `/ws/<boardId>?token=<share token>&private=<participant token>`
 * — for the stock provider, `new WebsocketProvider(base, boardId, privateDoc, { params: { token, private: participantToken } })`.
 */

/** The websocket query parameter naming a participant's private room. */
export const PRIVATE_ROOM_PARAM = 'private';

/** Longer participant tokens are refused before any hashing (a valid one is about 110). */
export const MAX_PARTICIPANT_TOKEN_LENGTH = 256;

/** Where the client keeps its participant token for a board (`localStorage`). */
export function participantStorageKey(boardId: string): string {
  return `fire-triangle:participant:${boardId}`;
}
