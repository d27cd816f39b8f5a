import { CLOSE_CODES } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import { type ConnectionSignals, closeMessage, connectionPhase } from './connectionState.ts';

const base: ConnectionSignals = {
  browserOnline: true,
  socketOpen: false,
  synced: false,
  everSynced: false,
  closed: null,
};

describe('connection state', () => {
  it('[conn/phase] connecting, connected, reconnecting, offline, closed', () => {
    expect(connectionPhase(base)).toBe('connecting');
    expect(connectionPhase({ ...base, socketOpen: true })).toBe('connecting');
    expect(connectionPhase({ ...base, socketOpen: true, synced: true, everSynced: true })).toBe(
      'connected',
    );
    expect(connectionPhase({ ...base, everSynced: true })).toBe('reconnecting');
    expect(connectionPhase({ ...base, everSynced: true, browserOnline: false })).toBe('offline');
    expect(
      connectionPhase({ ...base, closed: { code: 4403, reason: 'share token refused' } }),
    ).toBe('closed');
  });

  it('[conn/close-reason] a close is told in the reader’s language, not the server’s English', () => {
    const unknown = (code: number) => `closed (${code})`;
    const tooLarge = { code: CLOSE_CODES.MESSAGE_TOO_LARGE, reason: 'message too large' };
    expect(closeMessage(tooLarge, 'fr', unknown)).toMatch(
      /^Une modification était trop volumineuse/,
    );
    expect(closeMessage(tooLarge, 'en', unknown)).toMatch(/^A change was too large/);
    expect(closeMessage({ code: 4499, reason: 'something new' }, 'fr', unknown)).toBe(
      'something new',
    );
    expect(closeMessage({ code: 4499, reason: '' }, 'en', unknown)).toBe('closed (4499)');
  });
});
