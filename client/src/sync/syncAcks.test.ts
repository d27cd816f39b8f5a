import { describe, expect, it } from 'vitest';
import { SyncAcks } from './syncAcks.ts';

describe('SyncAcks', () => {
  it('[acks/until-answered] an edit sent on an open socket stays unsynced until a step 1 sent after it is answered', () => {
    const acks = new SyncAcks();
    const card = {};
    // The provider's own step 1 on connect, answered: nothing of ours yet.
    acks.probeSent(0);
    expect(acks.step2Received()).toBe(false);
    const frame = acks.dataSent('update');
    acks.localEdit(card, frame);
    expect(acks.unsynced).toBe(1);
    expect(acks.needsProbe()).toBe(true);
    acks.probeSent(10);
    expect(acks.needsProbe()).toBe(false);
    // A frozen connection: no answer, the edit stays unsynced however long.
    expect(acks.unsynced).toBe(1);
    expect(acks.oldestProbe()).toEqual({ covers: frame, since: 10 });
    expect(acks.step2Received()).toBe(true);
    expect(acks.unsynced).toBe(0);
  });

  it('[acks/until-answered] a step 1 sent before an edit does not acknowledge it', () => {
    const acks = new SyncAcks();
    acks.probeSent(0);
    acks.localEdit({}, acks.dataSent('update'));
    acks.step2Received();
    expect(acks.unsynced).toBe(1);
  });

  it('[acks/operations] the count is of the user’s operations, not of Yjs updates: a typed title is one edit', () => {
    const acks = new SyncAcks();
    const typing = {};
    const drag = {};
    for (let i = 0; i < 30; i++) acks.localEdit(typing, acks.dataSent('update'));
    for (let i = 0; i < 40; i++) acks.localEdit(drag, acks.dataSent('update'));
    acks.localEdit({}, acks.dataSent('update'));
    expect(acks.unsynced).toBe(3);
    acks.probeSent(0);
    acks.step2Received();
    expect(acks.unsynced).toBe(0);
  });

  it('[acks/operations] an operation still being made is acknowledged only with its last update', () => {
    const acks = new SyncAcks();
    const typing = {};
    acks.localEdit(typing, acks.dataSent('update'));
    acks.probeSent(0);
    acks.localEdit(typing, acks.dataSent('update'));
    acks.step2Received();
    expect(acks.unsynced).toBe(1);
    acks.probeSent(1);
    acks.step2Received();
    expect(acks.unsynced).toBe(0);
  });

  it('[acks/reconnect] edits made offline, or lost with a socket, go with the next connection’s step 2 and its acknowledgement', () => {
    const acks = new SyncAcks(2); // two edits left unsynced by the last visit
    acks.localEdit({}, null); // offline
    expect(acks.unsynced).toBe(3);
    // Reconnect: our step 1, the server's step 1 answered by our step 2 with everything.
    acks.probeSent(0);
    acks.dataSent('step2');
    acks.step2Received(); // answers the step 1 sent before our step 2
    expect(acks.unsynced).toBe(3);
    expect(acks.needsProbe()).toBe(true);
    acks.probeSent(1);
    // The socket dies before the answer: nothing is acknowledged, the probe is forgotten.
    acks.socketClosed();
    expect(acks.oldestProbe()).toBeNull();
    expect(acks.step2Received()).toBe(false);
    expect(acks.unsynced).toBe(3);
    acks.probeSent(2);
    acks.dataSent('step2');
    acks.probeSent(3);
    acks.step2Received();
    acks.step2Received();
    expect(acks.unsynced).toBe(0);
  });

  it('[acks/liveness] a probe is late only once the upload in front of it is done', () => {
    const acks = new SyncAcks();
    acks.localEdit({}, acks.dataSent('update'));
    acks.probeSent(100);
    acks.uploading(5_000);
    expect(acks.oldestProbe()?.since).toBe(5_000);
  });
});
