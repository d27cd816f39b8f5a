import { describe, expect, it } from 'vitest';
import { shiftCaret } from './caret.ts';

describe('shiftCaret', () => {
  it('[text/caret] keeps the caret when the other edit is after it', () => {
    expect(shiftCaret('hello world', 'hello world!', 5)).toBe(5);
  });
  it('[text/caret] moves the caret right when text is inserted before it', () => {
    expect(shiftCaret('world', 'hello world', 3)).toBe(9);
  });
  it('[text/caret] moves the caret left when text before it is deleted', () => {
    expect(shiftCaret('hello world', 'world', 8)).toBe(2);
  });
  it('[text/caret] never leaves the text', () => {
    expect(shiftCaret('abcdef', 'ab', 6)).toBe(2);
    expect(shiftCaret('abcdef', '', 3)).toBe(0);
  });
});
