/**
 * Why the server closed a board's websocket, shared by the server (which sends the code and a
 * short English reason) and the client (which shows the person a message in their language).
 *
 * Ranges follow the stock `y-websocket` client's convention (RFC 6455 leaves 4000–4999 to
 * applications): 4400–4499 mirror HTTP 4xx and mean "reconnecting will not help" — the stock
 * client stops retrying and emits `closed`; every other code is transient and the client
 * reconnects with backoff (4500–4599 mirror HTTP 5xx, "try again later").
 *
 * A connection refused *before* the websocket exists (no token, bad token, wrong origin, too
 * many connections from one address) is answered with a plain HTTP status during the upgrade,
 * so nothing is allocated for it. Browsers report such a refusal as close code 1006 without a
 * reason; the client learns the cause from `GET /api/boards/:id` (401/403 JSON), which it calls
 * first. `UPGRADE_REFUSALS` lists those statuses with the close code the client should use
 * when it reports them.
 */
import type { Language } from '../board/lanes.ts';

export const CLOSE_CODES = {
  /** The server is shutting down (SIGINT/SIGTERM); transient — the client reconnects. */
  SERVER_SHUTTING_DOWN: 1001,
  /** A frame the y-websocket protocol does not allow: garbage bytes, truncated varints, an
   * unknown message type, trailing bytes, a Yjs update or awareness update that does not decode
   * or apply. */
  MALFORMED_MESSAGE: 4400,
  /** No share token. Sent as HTTP 401 on the upgrade; the code is what the client reports. */
  MISSING_TOKEN: 4401,
  /** A forged token, or a token for another board. Sent as HTTP 403 on the upgrade. */
  FORBIDDEN: 4403,
  /** The stored board uses a layout version newer than this server understands. */
  BOARD_TOO_NEW: 4409,
  /** One message exceeded the server's maximum message size. */
  MESSAGE_TOO_LARGE: 4413,
  /** The board reached its stored size limit (`FT_MAX_BOARD_BYTES`): the change was not
   * applied, and sending it again would be refused again — so the client stops. */
  BOARD_TOO_LARGE: 4414,
  /** The connection sent messages faster than the per-connection rate limit. */
  RATE_LIMITED: 4429,
  /** The board could not be loaded or saved (storage error); transient — try again later. */
  BOARD_UNAVAILABLE: 4500,
  /** The board already has the maximum number of connections; transient. */
  ROOM_FULL: 4503,
  /** The connection could not keep up with the board's traffic (its send buffer overflowed);
   * transient — the client reconnects and resyncs. */
  TOO_SLOW: 4504,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/**
 * The reason text the server sends with each code (RFC 6455 limits a reason to 123 bytes).
 * The server may append a detail after `: ` (e.g. `malformed message: unknown message type 7`).
 */
export const CLOSE_REASONS: Readonly<Record<CloseCode, string>> = {
  1001: 'server shutting down',
  4400: 'malformed message',
  4401: 'missing share token',
  4403: 'share token refused',
  4409: 'board too new for this server',
  4413: 'message too large',
  4414: 'board at its size limit',
  4429: 'rate limited',
  4500: 'board unavailable',
  4503: 'board is full',
  4504: 'connection too slow',
};

/** What the client shows a person, in the board's language. */
export const CLOSE_MESSAGES: Readonly<Record<CloseCode, Readonly<Record<Language, string>>>> = {
  1001: {
    en: 'The server is restarting. Reconnecting…',
    fr: 'Le serveur redémarre. Reconnexion…',
  },
  4400: {
    en: 'The server refused a message from this page. Reload the page.',
    fr: 'Le serveur a refusé un message de cette page. Rechargez la page.',
  },
  4401: {
    en: 'This link has no access token. Ask the facilitator for the board link.',
    fr: 'Ce lien ne contient pas de jeton d’accès. Demandez le lien du tableau à l’animateur.',
  },
  4403: {
    en: 'This link is not valid for this board. Ask the facilitator for a new link.',
    fr: 'Ce lien n’est pas valable pour ce tableau. Demandez un nouveau lien à l’animateur.',
  },
  4409: {
    en: 'This board was saved by a newer version of Fire Triangle. Update the server to open it.',
    fr: 'Ce tableau a été enregistré par une version plus récente de Fire Triangle. Mettez le serveur à jour pour l’ouvrir.',
  },
  4413: {
    en: 'A change was too large for the server. Reload the page; your last change may be lost.',
    fr: 'Une modification était trop volumineuse pour le serveur. Rechargez la page ; votre dernière modification peut être perdue.',
  },
  4414: {
    en: 'This board has reached its size limit, so your last change was not saved. Delete cards you no longer need, or export the board, then reload the page.',
    fr: 'Ce tableau a atteint sa taille maximale : votre dernière modification n’a pas été enregistrée. Supprimez des cartes inutiles ou exportez le tableau, puis rechargez la page.',
  },
  4429: {
    en: 'Too many changes too fast: the server paused this page. Reload the page to continue.',
    fr: 'Trop de modifications trop vite : le serveur a suspendu cette page. Rechargez la page pour continuer.',
  },
  4500: {
    en: 'The server could not load or save this board. Retrying…',
    fr: 'Le serveur n’a pas pu charger ou enregistrer ce tableau. Nouvel essai…',
  },
  4503: {
    en: 'This board is full. Retrying…',
    fr: 'Ce tableau est complet. Nouvel essai…',
  },
  4504: {
    en: 'The connection is too slow to keep up. Reconnecting…',
    fr: 'La connexion est trop lente pour suivre. Reconnexion…',
  },
};

/** True for codes after which the stock y-websocket client stops reconnecting (4400–4499). */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/** The server's reason string: the code's reason, with an optional detail after `: `. */
export function closeReason(code: CloseCode, detail?: string): string {
  const base = CLOSE_REASONS[code];
  const full = detail ? `${base}: ${detail}` : base;
  return truncateUtf8(full, 123);
}

/** The person-facing message for a close code, or undefined for codes the server never sends. */
export function describeClose(code: number, language: Language): string | undefined {
  const messages = (CLOSE_MESSAGES as Readonly<Record<number, Readonly<Record<Language, string>>>>)[
    code
  ];
  return messages?.[language];
}

/**
 * HTTP statuses the server answers a websocket upgrade with, before any socket exists, and the
 * close code with the same meaning (for a client that wants one number to report).
 */
export const UPGRADE_REFUSALS = {
  BAD_PATH: { status: 404, code: CLOSE_CODES.FORBIDDEN },
  BAD_BOARD_ID: { status: 400, code: CLOSE_CODES.FORBIDDEN },
  MISSING_TOKEN: { status: 401, code: CLOSE_CODES.MISSING_TOKEN },
  FORBIDDEN: { status: 403, code: CLOSE_CODES.FORBIDDEN },
  ORIGIN_NOT_ALLOWED: { status: 403, code: CLOSE_CODES.FORBIDDEN },
  TOO_MANY_FROM_ADDRESS: { status: 429, code: CLOSE_CODES.RATE_LIMITED },
  SHUTTING_DOWN: { status: 503, code: CLOSE_CODES.SERVER_SHUTTING_DOWN },
} as const;

/** Bytes of one code point in UTF-8 (shared/ has no TextEncoder: it is a DOM/Node global). */
function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** Cuts a string so its UTF-8 encoding fits in `maxBytes`, without splitting a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  let total = 0;
  for (const char of text) total += utf8Length(char.codePointAt(0) ?? 0);
  if (total <= maxBytes) return text;
  let result = '';
  let bytes = 0;
  for (const char of text) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (bytes + size > maxBytes - 3) break;
    result += char;
    bytes += size;
  }
  return `${result}...`;
}
