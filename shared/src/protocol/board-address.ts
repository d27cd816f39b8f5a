/**
 * Where a board lives on the server: its id format, its websocket room and its share link.
 *
 * A board id is 1–64 characters of `A–Z a–z 0–9 _ -` (URL-safe, no dot, no slash), so it can
 * sit in a path segment, a file name and a token without escaping.
 */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidBoardId(value: unknown): value is string {
  return typeof value === 'string' && BOARD_ID_PATTERN.test(value);
}

/** The websocket endpoint; y-websocket appends `/<boardId>` to it. */
export const WS_PATH = '/ws';

/** The client route of a board. @example boardPath('q3-plan') === '/b/q3-plan' */
export function boardPath(boardId: string): string {
  return `/b/${boardId}`;
}

/**
 * The link a person copies: `${origin}/b/<id>?token=…`.
 * @example shareLink('http://192.168.1.20:4321', 'q3-plan', 'eyJ…') === 'http://192.168.1.20:4321/b/q3-plan?token=eyJ…'
 */
export function shareLink(origin: string, boardId: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}${boardPath(boardId)}?token=${encodeURIComponent(token)}`;
}

/**
 * The websocket base URL for `new WebsocketProvider(base, boardId, doc, { params: { token } })`
 * from an http(s) origin. @example websocketBase('https://ft.example') === 'wss://ft.example/ws'
 */
export function websocketBase(origin: string): string {
  return `${origin.replace(/^http/, 'ws').replace(/\/+$/, '')}${WS_PATH}`;
}
