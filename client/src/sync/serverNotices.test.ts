import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { decodeServerNotice, FIRE_TRIANGLE_MESSAGE_TYPE } from './serverNotices.ts';

/** A frame's payload as the handler sees it (its message type already read). */
function payload(text: string): decoding.Decoder {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FIRE_TRIANGLE_MESSAGE_TYPE);
  encoding.writeVarString(encoder, text);
  const decoder = decoding.createDecoder(encoding.toUint8Array(encoder));
  decoding.readVarUint(decoder);
  return decoder;
}

describe('server notices', () => {
  it('[notice/frame] a write-refused frame becomes a notice with its reasons', () => {
    expect(
      decodeServerNotice(
        payload(
          JSON.stringify({
            type: 'write-refused',
            refusals: [
              { reason: 'facilitator-only', path: 'meta.title' },
              { reason: 'facilitator-only', path: 'meta.lastImport' },
              { reason: 'server-only', path: 'meta.schemaVersion' },
            ],
          }),
        ),
      ),
    ).toEqual({ kind: 'write-refused', reasons: ['facilitator-only', 'server-only'], lanes: [] });
  });

  it('[notice/frame] a locked-lane refusal names its lanes', () => {
    expect(
      decodeServerNotice(
        payload(
          JSON.stringify({
            type: 'write-refused',
            refusals: [
              { reason: 'locked', path: 'cards.c_1', lane: 'objective' },
              { reason: 'locked', path: 'cards.c_2', lane: 'objective' },
              { reason: 'locked', path: 'cards.c_3' },
            ],
          }),
        ),
      ),
    ).toEqual({ kind: 'write-refused', reasons: ['locked'], lanes: ['objective'] });
  });

  it('[notice/frame] a frame that does not check is ignored, never thrown', () => {
    for (const text of [
      'not json',
      '[]',
      'null',
      '{"type":"hello","accepts":[]}',
      '{"type":"write-refused"}',
      '{"type":"write-refused","refusals":"x"}',
      '{"type":"write-refused","refusals":[{"reason":"admin"}]}',
      `{"type":"write-refused","refusals":[${'{"reason":"x"},'.repeat(400)}{}]}`,
    ]) {
      expect(decodeServerNotice(payload(text)), text.slice(0, 40)).toBeNull();
    }
    // A truncated frame.
    expect(decodeServerNotice(decoding.createDecoder(new Uint8Array([0x7f])))).toBeNull();
  });
});
