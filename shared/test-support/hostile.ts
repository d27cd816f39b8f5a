/**
 * Text a card, a name or a board title may hold that some later stage could choke on: control
 * characters (accepted by import), broken surrogate pairs, XML's and Markdown's and HTML's own
 * syntax, line breaks, direction overrides, the longest title. Every export, every renderer and
 * every reader of the board is tested against all of them (issue #15: a title holding U+0001
 * made the SVG export ill-formed and the PNG export fail).
 */
import { LIMITS } from '../src/limits.ts';

export const HOSTILE_TEXTS: readonly string[] = [
  '\u0001start of heading',
  'bell\u0007, null\u0000, escape\u001b[31m red',
  'lone high \uD800 surrogate',
  'lone low \uDC00 surrogate',
  'reversed pair \uDC00\uD800',
  'noncharacters \uFFFE \uFFFF',
  ']]> ends a CDATA section',
  '<![CDATA[ opens one ]]>',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>&e;',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&lt;entity&gt; &#60;numeric&#62; &amp;',
  '"double" & \'single\' quotes',
  '# a heading',
  '## another heading',
  '[a link](javascript:alert(1))',
  '![an image](http://example.com/x.png)',
  '[ref]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '`code` and ``` a fence',
  '| a | table |',
  '- a list item',
  '+ another',
  '1. ordered',
  '3) ordered too',
  '> a quote',
  '===',
  '---',
  '***bold*** _under_ ~~struck~~',
  'back\\slash \\*escaped\\*',
  'line\nbreak\r\nand\rcarriage',
  'tab\tinside',
  'right-to-left \u202Eoverride\u202C',
  'zero\u200Bwidth\uFEFFjoiners',
  'emoji 😀 with skin 👍🏽 and a family 👨‍👩‍👧',
  '{{template}} $' + '{injection} %s %d',
  'x'.repeat(LIMITS.cardTitleLength),
];
