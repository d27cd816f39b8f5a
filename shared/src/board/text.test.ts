import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BIDI_CONTROLS, cleanName, replaceText, wellFormedText } from './text.ts';

function textDoc(clientID: number, initial = ''): { doc: Y.Doc; text: Y.Text } {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const text = doc.getText('t');
  if (initial) text.insert(0, initial);
  return { doc, text };
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('replaceText', () => {
  it('[model/text-merge] two concurrent edits of one title merge character by character', () => {
    const a = textDoc(1, 'Grow revenue');
    const b = textDoc(2);
    sync(a.doc, b.doc);
    replaceText(a.text, 'Grow revenue by 20%');
    replaceText(b.text, 'Grow SME revenue');
    sync(a.doc, b.doc);
    expect(a.text.toString()).toBe('Grow SME revenue by 20%');
    expect(b.text.toString()).toBe(a.text.toString());
  });

  it('[model/text-merge] a delete and an insert made concurrently both survive', () => {
    const a = textDoc(1, 'Augmenter fortement les ventes');
    const b = textDoc(2);
    sync(a.doc, b.doc);
    replaceText(a.text, 'Augmenter les ventes');
    replaceText(b.text, 'Augmenter fortement les ventes de 15 % en 2027');
    sync(a.doc, b.doc);
    expect(a.text.toString()).toBe('Augmenter les ventes de 15 % en 2027');
    expect(b.text.toString()).toBe(a.text.toString());
  });

  it('[model/text-splice] changes only the differing middle (one splice, common prefix and suffix kept)', () => {
    const { doc, text } = textDoc(1, 'abcdef');
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));
    doc.transact(() => replaceText(text, 'abXYef'));
    expect(deltas).toEqual([[{ retain: 2 }, { delete: 2 }, { insert: 'XY' }]]);
    replaceText(text, 'abXYef');
    expect(deltas).toHaveLength(1); // no change, no event
  });

  it('[model/text-splice] repeated characters at the edit point still give the right text', () => {
    const { text } = textDoc(1, 'aaaa');
    replaceText(text, 'aaaaa');
    expect(text.toString()).toBe('aaaaa');
    replaceText(text, 'aa');
    expect(text.toString()).toBe('aa');
    replaceText(text, '');
    expect(text.toString()).toBe('');
    replaceText(text, 'xyz');
    expect(text.toString()).toBe('xyz');
  });

  it('[model/text-splice] never cuts an emoji in half (Yjs would turn each half into U+FFFD)', () => {
    const { text } = textDoc(1, 'a😀b');
    replaceText(text, 'a😁b');
    expect(text.toString()).toBe('a😁b');
    replaceText(text, 'a😁😁b');
    expect(text.toString()).toBe('a😁😁b');
    replaceText(text, '🔥😁b');
    expect(text.toString()).toBe('🔥😁b');
    replaceText(text, '🔥😁');
    expect(text.toString()).toBe('🔥😁');
    replaceText(text, '🔥😂');
    expect(text.toString()).toBe('🔥😂');
  });

  it('[model/text-splice] any edit gives exactly the target text (random strings with emoji)', () => {
    const alphabet = ['a', 'b', 'é', '😀', '😁', '🔥', ' '];
    let state = 42;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const randomText = () =>
      Array.from({ length: Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * 7)]).join(
        '',
      );
    const { text } = textDoc(1);
    for (let i = 0; i < 500; i++) {
      const target = randomText();
      replaceText(text, target);
      expect(text.toString()).toBe(target);
    }
  });

  it('[model/text-well-formed] half an emoji is stored as U+FFFD, so every peer holds the same text', () => {
    expect(wellFormedText('a\uD83D')).toBe('a\uFFFD');
    expect(wellFormedText('\uDD25b')).toBe('\uFFFDb');
    expect(wellFormedText('🔥 ok')).toBe('🔥 ok');
    const { text } = textDoc(1, 'abc');
    replaceText(text, 'ab\uD83Dc');
    expect(text.toString()).toBe('ab\uFFFDc');
  });
});

describe('cleanName', () => {
  it('[S-NAME-1] removes bidi controls, turns controls and line breaks into one space, trims, cuts', () => {
    for (const bidi of [
      '\u061C',
      '\u200E',
      '\u200F',
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
    ]) {
      expect(cleanName(`a${bidi}b`, 50)).toBe('ab');
    }
    for (const isolate of ['\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(cleanName(`a${isolate}b`, 50)).toBe('ab');
    }
    expect(cleanName('Q3 plan\u202Etxt.exe', 50)).toBe('Q3 plantxt.exe');
    expect(cleanName(' Road\r\n\tmap\u0000\u0007 2027 \u2028', 50)).toBe('Road map 2027');
    expect(cleanName('a\u0085b\u009Fc\u007Fd', 50)).toBe('a b c d');
    expect(cleanName('\u202E\u200F \n', 50)).toBe('');
    // Cut in characters (code points), never through an emoji, no trailing space left by the cut.
    expect(cleanName('😀😀😀', 2)).toBe('😀😀');
    expect(cleanName('ab cd', 3)).toBe('ab');
    expect(cleanName('x\uD800y', 10)).toBe('x\uFFFDy');
  });

  it('[S-NAME-1] keeps what people write: accents, right-to-left scripts, emoji sequences', () => {
    for (const name of ['Élodie Müller', 'مريم', 'שרה כהן', '👩‍💻 Dev team', '李华']) {
      expect(cleanName(name, 80)).toBe(name);
    }
    expect(BIDI_CONTROLS.test('\u200D')).toBe(false);
  });
});
