/**
 * Why the server closed a board's websocket: ONE table (`CLOSE_EVENTS`, as Hocuspocus keeps its
 * `CloseEvents.ts`) of every code with the short English reason the server sends, the message
 * the client shows a person in French and English, and the label the server counts it under in
 * `/metrics`. Everything else here is derived from it.
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

/** One close code and everything said about it. */
export interface CloseEvent {
  /** The websocket close code (RFC 6455 §7.4; 4000–4999 are ours). */
  code: number;
  /** The reason the server sends (≤ 123 bytes with its detail, see `closeReason`). */
  reason: string;
  /** What the client shows a person, in the board's language. */
  message: Readonly<Record<Language, string>>;
  /** The `reason` label of `fire_triangle_connections_{refused,closed_by_server}_total`. */
  metricLabel: string;
}

export const CLOSE_EVENTS = {
  /** The server is shutting down (SIGINT/SIGTERM); transient — the client reconnects. */
  SERVER_SHUTTING_DOWN: {
    code: 1001,
    reason: 'server shutting down',
    metricLabel: 'shutting-down',
    message: {
      en: 'The server is restarting. Reconnecting…',
      fr: 'Le serveur redémarre. Reconnexion…',
    },
  },
  /** A frame the y-websocket protocol does not allow: garbage bytes, truncated varints, an
   * unknown message type, trailing bytes, a Yjs update or awareness update that does not decode
   * or apply, too many presence ids on one connection. */
  MALFORMED_MESSAGE: {
    code: 4400,
    reason: 'malformed message',
    metricLabel: 'malformed',
    message: {
      en: 'The server refused a message from this page. Reload the page.',
      fr: 'Le serveur a refusé un message de cette page. Rechargez la page.',
    },
  },
  /** No share token. Sent as HTTP 401 on the upgrade; the code is what the client reports. */
  MISSING_TOKEN: {
    code: 4401,
    reason: 'missing share token',
    metricLabel: 'missing-token',
    message: {
      en: 'This link has no access token. Ask the facilitator for the board link.',
      fr: 'Ce lien ne contient pas de jeton d’accès. Demandez le lien du tableau à l’animateur.',
    },
  },
  /** A forged token, or a token for another board. Sent as HTTP 403 on the upgrade. */
  FORBIDDEN: {
    code: 4403,
    reason: 'share token refused',
    metricLabel: 'forbidden',
    message: {
      en: 'This link is not valid for this board. Ask the facilitator for a new link.',
      fr: 'Ce lien n’est pas valable pour ce tableau. Demandez un nouveau lien à l’animateur.',
    },
  },
  /** The stored board uses a layout version newer than this server understands. */
  BOARD_TOO_NEW: {
    code: 4409,
    reason: 'board too new for this server',
    metricLabel: 'board-too-new',
    message: {
      en: 'This board was saved by a newer version of Fire Triangle. Update the server to open it.',
      fr: 'Ce tableau a été enregistré par une version plus récente de Fire Triangle. Mettez le serveur à jour pour l’ouvrir.',
    },
  },
  /** A participant's private room (a private writing round's doc) is closed: the round ended,
   * or none is running. Permanent — the client stops; its private cards are on the board. */
  PRIVATE_ROUND_OVER: {
    code: 4410,
    reason: 'private writing round over',
    metricLabel: 'private-round-over',
    message: {
      en: 'The private writing round is over: the cards are now on the board.',
      fr: 'Le tour d’écriture individuelle est terminé : les cartes sont maintenant sur le tableau.',
    },
  },
  /** One message exceeded the server's maximum message size (or presence its 64 KiB). */
  MESSAGE_TOO_LARGE: {
    code: 4413,
    reason: 'message too large',
    metricLabel: 'message-too-large',
    message: {
      en: 'A change was too large for the server. Reload the page; your last change may be lost.',
      fr: 'Une modification était trop volumineuse pour le serveur. Rechargez la page ; votre dernière modification peut être perdue.',
    },
  },
  /** The board reached its size limit (`LIMITS.boardBytes`, S-LIMIT-10): the change was not
   * applied, and sending it again would be refused again — so the client stops. */
  BOARD_TOO_LARGE: {
    code: 4414,
    reason: 'board at its size limit',
    metricLabel: 'board-too-large',
    message: {
      en: 'This board has reached its size limit, so your last change was not saved. Delete cards you no longer need, or export the board, then reload the page.',
      fr: 'Ce tableau a atteint sa taille maximale : votre dernière modification n’a pas été enregistrée. Supprimez des cartes inutiles ou exportez le tableau, puis rechargez la page.',
    },
  },
  /** The connection sent messages faster than the per-connection rate limit. */
  RATE_LIMITED: {
    code: 4429,
    reason: 'rate limited',
    metricLabel: 'rate-limited',
    message: {
      en: 'Too many changes too fast: the server paused this page. Reload the page to continue.',
      fr: 'Trop de modifications trop vite : le serveur a suspendu cette page. Rechargez la page pour continuer.',
    },
  },
  /** The board could not be loaded or saved (storage error); transient — try again later. */
  BOARD_UNAVAILABLE: {
    code: 4500,
    reason: 'board unavailable',
    metricLabel: 'board-unavailable',
    message: {
      en: 'The server could not load or save this board. Retrying…',
      fr: 'Le serveur n’a pas pu charger ou enregistrer ce tableau. Nouvel essai…',
    },
  },
  /** The board already has the maximum number of connections; transient. */
  ROOM_FULL: {
    code: 4503,
    reason: 'board is full',
    metricLabel: 'room-full',
    message: {
      en: 'This board is full. Retrying…',
      fr: 'Ce tableau est complet. Nouvel essai…',
    },
  },
  /** The connection could not keep up with the board's traffic (its send buffer overflowed);
   * transient — the client reconnects and resyncs. */
  TOO_SLOW: {
    code: 4504,
    reason: 'connection too slow',
    metricLabel: 'too-slow',
    message: {
      en: 'The connection is too slow to keep up. Reconnecting…',
      fr: 'La connexion est trop lente pour suivre. Reconnexion…',
    },
  },
} as const satisfies Record<string, CloseEvent>;

export type CloseEventName = keyof typeof CLOSE_EVENTS;

/** Every code the server closes a board's websocket with. */
export type CloseCode = (typeof CLOSE_EVENTS)[CloseEventName]['code'];

/** The codes by name. @example CLOSE_CODES.ROOM_FULL === 4503 */
export const CLOSE_CODES = Object.fromEntries(
  Object.entries(CLOSE_EVENTS).map(([name, event]) => [name, event.code]),
) as { readonly [Name in CloseEventName]: (typeof CLOSE_EVENTS)[Name]['code'] };

const BY_CODE: ReadonlyMap<number, CloseEvent> = new Map(
  Object.values(CLOSE_EVENTS).map((event) => [event.code, event]),
);

/** The table's entry for a code, or undefined for codes the server never sends (1006, 1000…). */
export function closeEvent(code: number): CloseEvent | undefined {
  return BY_CODE.get(code);
}

/** True for codes after which the stock y-websocket client stops reconnecting (4400–4499). */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/**
 * The server's reason string: the code's reason, with an optional detail after `: `, cut to
 * RFC 6455's 123 bytes. @example closeReason(4413, 'over 4194304 bytes') === 'message too large: over 4194304 bytes'
 */
export function closeReason(code: CloseCode, detail?: string): string {
  const base = BY_CODE.get(code)?.reason ?? 'closed';
  const full = detail ? `${base}: ${detail}` : base;
  return truncateUtf8(full, 123);
}

/** The person-facing message for a close code, or undefined for codes the server never sends. */
export function describeClose(code: number, language: Language): string | undefined {
  return BY_CODE.get(code)?.message[language];
}

/**
 * HTTP statuses the server answers a websocket upgrade with, before any socket exists, the close
 * code with the same meaning (for a client that wants one number to report) and the label the
 * refusal is counted under (`fire_triangle_connections_refused_total{reason}`).
 */
export const UPGRADE_REFUSALS = {
  BAD_PATH: { status: 404, code: CLOSE_CODES.FORBIDDEN, metricLabel: 'bad-path' },
  BAD_BOARD_ID: { status: 400, code: CLOSE_CODES.FORBIDDEN, metricLabel: 'bad-board-id' },
  MISSING_TOKEN: { status: 401, code: CLOSE_CODES.MISSING_TOKEN, metricLabel: 'missing-token' },
  FORBIDDEN: { status: 403, code: CLOSE_CODES.FORBIDDEN, metricLabel: 'forbidden' },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    code: CLOSE_CODES.FORBIDDEN,
    metricLabel: 'origin-not-allowed',
  },
  TOO_MANY_FROM_ADDRESS: {
    status: 429,
    code: CLOSE_CODES.RATE_LIMITED,
    metricLabel: 'too-many-from-address',
  },
  SHUTTING_DOWN: {
    status: 503,
    code: CLOSE_CODES.SERVER_SHUTTING_DOWN,
    metricLabel: 'shutting-down',
  },
} as const;

export type UpgradeRefusal = keyof typeof UPGRADE_REFUSALS;

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
