/**
 * @fire-triangle/shared — framework-free: the card record, the board's Yjs layout and operations,
 * the limits table, the triangle's geometry, the JSON board format, the templates and the
 * validator. Client, server and CLI all import from here, so they agree on every lane, link,
 * limit and finding. Test support (fixtures, seeded randomness) is a subpath of its own:
 * `@fire-triangle/shared/test-support`.
 */

export * from './board/board-diff.ts';
export * from './board/card.ts';
export * from './board/doc.ts';
export * from './board/lanes.ts';
export * from './board/migrations.ts';
export * from './board/operations.ts';
export * from './board/private-round.ts';
export * from './board/restore.ts';
export * from './board/session.ts';
export * from './board/text.ts';
export * from './board/types.ts';
export * from './format/board-file.ts';
export { BOARD_FILE_SCHEMA, boardFileJsonSchema } from './format/board-schema.ts';
export * from './geometry/placement.ts';
export * from './geometry/triangle.ts';
export * from './limits.ts';
export * from './protocol/api.ts';
export * from './protocol/board-address.ts';
export * from './protocol/close-codes.ts';
export * from './protocol/facilitation.ts';
export * from './protocol/frames.ts';
export * from './protocol/history.ts';
export * from './protocol/messages.ts';
export * from './protocol/participant.ts';
export * from './protocol/presence.ts';
export * from './protocol/roles.ts';
export * from './protocol/write-areas.ts';
export * from './templates/index.ts';
export * from './validator/index.ts';
export * from './validator/types.ts';
