import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import {
  checkClientFrame,
  checkServerFrame,
  encodeFrame,
  FrameError,
  type HelloFrame,
  MAX_FRAME_PAYLOAD_LENGTH,
  readFramePayload,
  type WriteRefusedFrame,
} from './frames.ts';
import { MESSAGE_TYPES } from './messages.ts';
import { WRITE_REFUSAL_MESSAGES, WRITE_REFUSAL_REASONS } from './write-areas.ts';

function payloadOf(frame: Uint8Array): unknown {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MESSAGE_TYPES.fireTriangle);
  return readFramePayload(decoder);
}

function rawFrame(text: string): decoding.Decoder {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, text);
  return decoding.createDecoder(encoding.toUint8Array(encoder));
}

describe('Fire Triangle frames', () => {
  it('[S-WRITE-3] hello and write-refused survive encoding and checking unchanged', () => {
    const hello: HelloFrame = { type: 'hello', accepts: ['write-refused'] };
    expect(checkClientFrame(payloadOf(encodeFrame(hello)))).toEqual(hello);
    const notice: WriteRefusedFrame = {
      type: 'write-refused',
      refusals: [{ reason: 'facilitator-only', path: 'meta.title' }, { reason: 'unattributable' }],
    } as const;
    expect(checkServerFrame(payloadOf(encodeFrame(notice)))).toEqual(notice);
  });

  it('[S-WRITE-3] frames that do not check throw FrameError saying what is wrong', () => {
    const client: [unknown, RegExp][] = [
      [null, /not a JSON object/],
      [{ type: 'vote' }, /unknown client frame type vote/],
      [{ type: 'hello', accepts: 'write-refused' }, /not a list/],
      [{ type: 'hello', accepts: [{}] }, /frame type names/],
      [{ type: 'hello', accepts: Array(33).fill('x') }, /more than 32/],
    ];
    for (const [payload, message] of client) {
      expect(() => checkClientFrame(payload)).toThrow(FrameError);
      expect(() => checkClientFrame(payload)).toThrow(message);
    }
    const server: [unknown, RegExp][] = [
      [{ type: 'hello' }, /unknown server frame type/],
      [{ type: 'write-refused', refusals: [{ reason: 'because' }] }, /unknown refusal reason/],
      [{ type: 'write-refused', refusals: [{ reason: 'server-only', path: 3 }] }, /path/],
    ];
    for (const [payload, message] of server) {
      expect(() => checkServerFrame(payload)).toThrow(message);
    }
    expect(() => readFramePayload(rawFrame('{"type":'))).toThrow(/not JSON/);
    expect(() => readFramePayload(rawFrame('x'.repeat(MAX_FRAME_PAYLOAD_LENGTH + 1)))).toThrow(
      /longer than/,
    );
    expect(() => readFramePayload(decoding.createDecoder(new Uint8Array([5, 1])))).toThrow(
      /length-prefixed/,
    );
  });

  it('[S-WRITE-3] a newer client’s unknown frame names are dropped from its hello, not refused', () => {
    expect(checkClientFrame({ type: 'hello', accepts: ['timer', 'write-refused'] })).toEqual({
      type: 'hello',
      accepts: ['write-refused'],
    });
  });

  it('every refusal reason has a message in both languages', () => {
    for (const reason of WRITE_REFUSAL_REASONS) {
      expect(WRITE_REFUSAL_MESSAGES[reason].en).toMatch(/\w/);
      expect(WRITE_REFUSAL_MESSAGES[reason].fr).toMatch(/\w/);
    }
  });
});
