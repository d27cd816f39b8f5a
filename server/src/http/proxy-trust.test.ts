import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy, proxyTrust } from './proxy-trust.ts';

function requestFrom(peer: string, forwardedFor?: string): IncomingMessage {
  const socket = { remoteAddress: peer };
  return {
    socket,
    connection: socket,
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  } as unknown as IncomingMessage;
}

describe('proxy trust', () => {
  it('[S-SEC-2] TRUST_PROXY reads as proxy-addr takes it: off, hops, addresses, CIDRs and names', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('off')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('loopback, 10.0.0.0/8 ,fd00::1')).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::1',
    ]);
    expect(() => parseTrustProxy('not-an-address')).toThrow(/invalid IP address/);
    expect(() => parseTrustProxy(' , ')).toThrow(/expected true, false/);
  });

  it('[S-SEC-2] the client is the nearest entry no trusted proxy vouches past, never the leftmost on trust', () => {
    const forged = '6.6.6.6, 203.0.113.7';
    expect(clientAddress(requestFrom('127.0.0.1', forged), proxyTrust(false))).toBe('127.0.0.1');
    expect(clientAddress(requestFrom('127.0.0.1', forged), proxyTrust(true))).toBe('203.0.113.7');
    expect(clientAddress(requestFrom('127.0.0.1', forged), proxyTrust(['loopback']))).toBe(
      '203.0.113.7',
    );
    // Two proxies: the load balancer (10.0.0.5) appended by the edge proxy (the peer).
    const chain = '6.6.6.6, 203.0.113.7, 10.0.0.5';
    expect(clientAddress(requestFrom('127.0.0.1', chain), proxyTrust(2))).toBe('203.0.113.7');
    expect(
      clientAddress(requestFrom('127.0.0.1', chain), proxyTrust(['loopback', '10.0.0.0/8'])),
    ).toBe('203.0.113.7');
    // A peer that is not a trusted proxy speaks for itself, whatever it writes.
    expect(clientAddress(requestFrom('198.51.100.9', forged), proxyTrust(['loopback']))).toBe(
      '198.51.100.9',
    );
    expect(clientAddress(requestFrom('127.0.0.1'), proxyTrust(true))).toBe('127.0.0.1');
  });
});
