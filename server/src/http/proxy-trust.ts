/**
 * Who is asking, behind reverse proxies: the client address and protocol of a request, believing
 * `X-Forwarded-For` / `X-Forwarded-Proto` only as far as configured proxies vouch for them
 * (`TRUST_PROXY`, docs/server-spec.md S-SEC-2). `proxy-addr` (what Express and Fastify use) walks
 * the `X-Forwarded-For` list from the right — the entry the nearest proxy appended — and stops at
 * the first address that is not a trusted proxy; the leftmost entry, which the client writes
 * itself, is never taken on trust. The same rule serves REST (Fastify's `trustProxy`) and the
 * websocket upgrade (per-address limits), so both see one address for one client.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * `false`: no proxy (the socket's peer is the client); `true` or a number: that many proxy hops
 * in front of the server (`true` = 1: the peer is your proxy); a list: the proxies' addresses,
 * CIDR ranges and `proxy-addr`'s names `loopback`, `linklocal`, `uniquelocal`.
 */
export type TrustProxy = boolean | number | readonly string[];

/** Whether the peer at `hop` (0 = the socket's peer) with `address` is a trusted proxy. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * Reads `TRUST_PROXY`: `false`/`0`/`no`/`off`, `true`/`yes`/`on` (1 hop), a hop count, or a
 * comma-separated list of addresses, CIDRs and names. Throws Error naming a bad entry.
 */
export function parseTrustProxy(raw: string): TrustProxy {
  const value = raw.trim();
  if (/^(false|no|off)$/i.test(value)) return false;
  if (/^(true|yes|on)$/i.test(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('expected true, false, a hop count or addresses');
  compileTrust(entries);
  return entries;
}

function compileTrust(entries: readonly string[]): ProxyTrust {
  try {
    return proxyAddr.compile([...entries]);
  } catch (error) {
    throw new Error(
      `${(error as Error).message} (expected true, false, a hop count, or addresses, CIDRs, loopback, linklocal, uniquelocal)`,
    );
  }
}

/**
 * The trust function for a setting. `true` means ONE hop, not proxy-addr's "trust everyone":
 * trusting every hop takes the leftmost `X-Forwarded-For` entry, which any client can forge.
 */
export function proxyTrust(setting: TrustProxy): ProxyTrust {
  if (setting === false || setting === 0) return () => false;
  if (setting === true) return (_address, hop) => hop < 1;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return compileTrust(setting);
}

/** The client's address: the nearest `X-Forwarded-For` entry no trusted proxy vouches past. */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string {
  // proxy-addr reads `request.connection`, which a socket that already closed may lack.
  if (!request.socket?.remoteAddress) return 'unknown';
  return proxyAddr(request, trust);
}

/** A Host header that is safe to repeat in a header or a link: a host name or address, a port. */
const SAFE_HOST = /^[A-Za-z0-9.\-:[\]]{1,255}$/;

/** The request's Host header when it is a plain host (and port), else undefined. */
export function safeHost(request: IncomingMessage): string | undefined {
  const host = request.headers.host;
  return host && SAFE_HOST.test(host) ? host : undefined;
}
