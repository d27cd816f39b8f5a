import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  MalformedMessageError,
  parseClientMessage,
} from './wire-codec.ts';

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function detailOf(bytes: Uint8Array): string {
  try {
    parseClientMessage(bytes);
  } catch (error) {
    if (error instanceof MalformedMessageError) return error.detail;
    throw error;
  }
  throw new Error('parsed without error');
}

const doc = new Y.Doc();
doc.getText('t').insert(0, 'hello');
const update = Y.encodeStateAsUpdate(doc);

describe('parseClientMessage', () => {
  it('[S-PROTO-1] reads the stock client’s sync step 1, step 2, update, awareness and query', () => {
    expect(
      parseClientMessage(
        frame((e) => {
          encoding.writeVarUint(e, 0);
          syncProtocol.writeSyncStep1(e, doc);
        }),
      ).kind,
    ).toBe('sync-step-1');
    expect(
      parseClientMessage(
        frame((e) => {
          encoding.writeVarUint(e, 0);
          syncProtocol.writeSyncStep2(e, doc);
        }),
      ),
    ).toMatchObject({ kind: 'sync-step-2', empty: false });
    expect(
      parseClientMessage(
        frame((e) => {
          encoding.writeVarUint(e, 0);
          syncProtocol.writeUpdate(e, update);
        }),
      ),
    ).toMatchObject({ kind: 'update', empty: false });
    expect(
      parseClientMessage(
        frame((e) => {
          encoding.writeVarUint(e, 0);
          syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(new Y.Doc()));
        }),
      ),
    ).toMatchObject({ empty: true });
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ name: 'Ana', cursor: { x: 1, y: 2 } });
    const presence = parseClientMessage(
      frame((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(
          e,
          awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]),
        );
      }),
    );
    expect(presence).toMatchObject({
      kind: 'awareness',
      entries: [{ clientId: awareness.clientID, state: { name: 'Ana' } }],
    });
    awareness.destroy();
    expect(parseClientMessage(new Uint8Array([3])).kind).toBe('query-awareness');
  });

  it('[S-LIMIT-5] names what is wrong with a malformed frame', () => {
    expect(detailOf(new Uint8Array([]))).toBe('empty message');
    expect(detailOf(new Uint8Array([0xff]))).toMatch(/truncated/);
    expect(detailOf(new Uint8Array([7]))).toBe('unknown message type 7');
    expect(detailOf(new Uint8Array([2, 0]))).toMatch(/auth messages/);
    expect(detailOf(new Uint8Array([0, 9]))).toBe('unknown sync step 9');
    expect(detailOf(new Uint8Array([0, 2, 50, 1, 2]))).toMatch(/longer than the message/);
    expect(detailOf(new Uint8Array([0, 2, 3, 0xff, 0xff, 0xff]))).toBe(
      'Yjs update does not decode',
    );
    expect(detailOf(new Uint8Array([0, 0, 2, 0xff, 0xff]))).toBe('state vector does not decode');
    expect(detailOf(new Uint8Array([3, 0]))).toMatch(/trailing bytes/);
    expect(detailOf(new Uint8Array([1, 4, 1, 5, 1, 1]))).toMatch(/truncated|longer/);
    const badJson = frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(
        e,
        frame((inner) => {
          encoding.writeVarUint(inner, 1);
          encoding.writeVarUint(inner, 42);
          encoding.writeVarUint(inner, 1);
          encoding.writeVarString(inner, '{not json');
        }),
      );
    });
    expect(detailOf(badJson)).toBe('awareness state is not JSON');
  });

  it('[S-LIMIT-5] never reads past the frame, even inside a larger buffer', () => {
    // A view into a bigger buffer whose length prefix points beyond the view.
    const backing = new Uint8Array(64).fill(1);
    backing.set([0, 2, 20], 0);
    const view = backing.subarray(0, 5);
    expect(detailOf(view)).toMatch(/longer than the message/);
  });
});

describe('the server’s frames', () => {
  /** What the stock client does with a sync frame: y-protocols' readSyncMessage into its doc. */
  function clientReads(frameBytes: Uint8Array, into: Y.Doc): { type: number; step: number } {
    const decoder = decoding.createDecoder(frameBytes);
    const type = decoding.readVarUint(decoder);
    const step = syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), into, 'server');
    return { type, step };
  }

  it('[S-PROTO-1] sync step 1, sync step 2 and updates are what y-protocols reads: a client catches up', () => {
    const server = new Y.Doc();
    server.getText('t').insert(0, 'board text');
    const client = new Y.Doc();
    expect(clientReads(encodeSyncStep1(server), client)).toEqual({ type: 0, step: 0 });
    expect(clientReads(encodeSyncStep2(server, Y.encodeStateVector(client)), client)).toEqual({
      type: 0,
      step: 1,
    });
    expect(client.getText('t').toString()).toBe('board text');
    const captured: Uint8Array[] = [];
    server.on('update', (update: Uint8Array) => captured.push(update));
    server.getText('t').insert(0, 'live ');
    expect(clientReads(encodeUpdate(captured[0]!), client)).toEqual({ type: 0, step: 2 });
    expect(client.getText('t').toString()).toBe('live board text');
    // Encoding and decoding agree: the server would read its own frames back as the same message.
    expect(parseClientMessage(encodeUpdate(captured[0]!))).toMatchObject({ kind: 'update' });
  });

  it('[S-PRES-1] presence frames carry each listed client’s state, and null for one who left', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: 'Ana' } });
    const present = parseClientMessage(encodeAwareness(awareness, [awareness.clientID]));
    expect(present).toMatchObject({
      kind: 'awareness',
      entries: [{ clientId: awareness.clientID, state: { user: { name: 'Ana' } } }],
    });
    awareness.setLocalState(null);
    const left = parseClientMessage(encodeAwareness(awareness, [awareness.clientID]));
    expect(left).toMatchObject({ entries: [{ clientId: awareness.clientID, state: null }] });
    awareness.destroy();
  });
});
