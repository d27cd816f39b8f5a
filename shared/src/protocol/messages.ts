/**
 * The y-websocket wire protocol's message types (the first varuint of every binary frame), as
 * the stock `y-websocket` client and `y-protocols` define them. The server answers these and
 * closes a connection that sends anything else with `CLOSE_CODES.MALFORMED_MESSAGE`.
 */
export const MESSAGE_TYPES = {
  /** `y-protocols/sync`: sync step 1 (state vector), sync step 2 (missing updates), update. */
  sync: 0,
  /** `y-protocols/awareness`: presence (cursor, name, colour, selection). */
  awareness: 1,
  /** `y-protocols/auth`: server → client permission denied; never accepted from a client. */
  auth: 2,
  /** Ask for everyone's presence; answered with one awareness message. */
  queryAwareness: 3,
  /** Fire Triangle's own frames (not Yjs): `protocol/frames.ts`. */
  fireTriangle: 100,
} as const;

/** The sync sub-types inside a `MESSAGE_TYPES.sync` frame (`y-protocols/sync`). */
export const SYNC_STEPS = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
