/**
 * The protocol pieces the server shares with the client (close codes, roles, board ids, REST
 * bodies), from shared/src/protocol. Imported by path until shared/src/index.ts re-exports
 * them; then this file becomes `export * from '@fire-triangle/shared'` and nothing else changes.
 */
export * from '../../shared/src/protocol/api.ts';
export * from '../../shared/src/protocol/board-address.ts';
export * from '../../shared/src/protocol/close-codes.ts';
export * from '../../shared/src/protocol/messages.ts';
export * from '../../shared/src/protocol/roles.ts';
