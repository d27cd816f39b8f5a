/**
 * Which browser pages may open a board's websocket. Browsers send `Origin` with every
 * websocket handshake but do not apply the same-origin policy to websockets, so without this
 * check any web page a participant visits could open the board with a leaked link in the
 * background. Non-browser clients (Node, the CLI) send no Origin and are let through: the share
 * token is what protects a board.
 */

/** The Vite dev server and preview ports on this machine (the dev proxy forwards their Origin). */
const DEV_ORIGINS = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:4173',
  'http://127.0.0.1:4173',
];

export interface OriginPolicy {
  allowedOrigins: readonly string[];
  publicUrl: string | undefined;
}

export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  policy: OriginPolicy,
): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  // The page was served by this server (same host and port as the handshake's Host header).
  if (host !== undefined && parsed.host.toLowerCase() === host.toLowerCase()) return true;
  const normalized = parsed.origin;
  if (DEV_ORIGINS.includes(normalized)) return true;
  if (policy.publicUrl && safeOrigin(policy.publicUrl) === normalized) return true;
  return policy.allowedOrigins.some((allowed) => safeOrigin(allowed) === normalized);
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
