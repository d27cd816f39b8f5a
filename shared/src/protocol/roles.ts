/**
 * Who a share link lets in. Every link carries one role, signed into its token by the server.
 *
 * - `facilitator`: runs the workshop; everything an editor can do (facilitation tools later).
 * - `editor`: edits the board, imports a board file.
 * - `viewer`: sees the board and everyone's presence; the server drops every change it sends.
 */
export const ROLES = ['facilitator', 'editor', 'viewer'] as const;

/** @example const role: Role = 'editor'; */
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether the server applies this role's changes to the board (viewers' are dropped). */
export function canEditBoard(role: Role): boolean {
  return role === 'facilitator' || role === 'editor';
}
