/**
 * Text that stays readable on a participant's colour (WCAG 2.1 AA: 4.5:1 for text under 18 px):
 * names on cursors, avatars and selection tags are drawn on the colour the participant was given.
 * Pure, so it is tested without a browser.
 */

/** Relative luminance of a `#rrggbb` colour (WCAG 2.1 definition). */
export function luminance(hex: string): number {
  const value = /^#([0-9a-f]{6})$/i.exec(hex)?.[1] ?? '000000';
  const [r, g, b] = [0, 2, 4].map((at) => Number.parseInt(value.slice(at, at + 2), 16) / 255);
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}

/** The contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

export const INK = '#1d2330';
export const WHITE = '#ffffff';
/** WCAG 2.1 AA for normal text. */
export const AA_TEXT = 4.5;

function darker(hex: string, by: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) => Math.round(((value >> shift) & 0xff) * (1 - by));
  return `#${[16, 8, 0].map((shift) => channel(shift).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A name tag in a participant's colour: white or ink text, whichever reads at 4.5:1 or more on
 * it; when neither does (a mid-tone colour), the colour darkened until white text does.
 */
export function nameTagColours(colour: string): { background: string; color: string } {
  if (contrastRatio(colour, WHITE) >= AA_TEXT) return { background: colour, color: WHITE };
  if (contrastRatio(colour, INK) >= AA_TEXT) return { background: colour, color: INK };
  let background = colour;
  for (let step = 1; step <= 10 && contrastRatio(background, WHITE) < AA_TEXT; step++) {
    background = darker(colour, step * 0.05);
  }
  return { background, color: WHITE };
}
