import { describe, expect, it } from 'vitest';
import { PRESENCE_COLOURS } from '../sync/presence.ts';
import { AA_TEXT, contrastRatio, nameTagColours } from './contrast.ts';

describe('contrast', () => {
  it('[a11y/contrast] the WCAG ratio: black on white is 21, a colour on itself 1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#5b6170', '#5b6170')).toBe(1);
    expect(contrastRatio('#5b6170', '#ffffff')).toBeCloseTo(6.2, 1);
  });

  it('[a11y/name-tags] every participant colour gets a name tag readable at 4.5:1', () => {
    for (const colour of PRESENCE_COLOURS) {
      const tag = nameTagColours(colour);
      expect(contrastRatio(tag.background, tag.color), colour).toBeGreaterThanOrEqual(AA_TEXT);
    }
    // A colour that already works is kept as it is.
    expect(nameTagColours('#3d5a80')).toEqual({ background: '#3d5a80', color: '#ffffff' });
  });
});
