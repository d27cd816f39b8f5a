/**
 * Where a board lives on the server: its id format, its page, its websocket and its share link —
 * the URL shapes client and server both build and parse.
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
  return `/b/${encodeURIComponent(boardId)}`;
}

/**
 * The board id in a page path `/b/<id>` (a trailing slash allowed, the segment URL-decoded), or
 * null for any other path. The id is not checked here: the server answers a bad one with 404.
 * @example boardIdFromPath('/b/q3-plan') === 'q3-plan'
 */
export function boardIdFromPath(pathname: string): string | null {
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/**
 * The link a person copies: `${origin}/b/<id>?token=…` (trailing slashes of the origin dropped,
 * id and token URL-encoded).
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

/**
 * The board id of a websocket request path `/ws/<boardId>` (what y-websocket connects to), as
 * sent — the server then checks it with `isValidBoardId` — or null when the path is not under
 * `WS_PATH`. @example boardIdFromWebsocketPath('/ws/q3-plan') === 'q3-plan'
 */
export function boardIdFromWebsocketPath(pathname: string): string | null {
  const prefix = `${WS_PATH}/`;
  return pathname.startsWith(prefix) ? pathname.slice(prefix.length) : null;
}
