import type { BoardSnapshot, CardSnapshot } from '@fire-triangle/shared';
import { card as cardFixture, HOSTILE_TEXTS } from '@fire-triangle/shared/test-support';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { escapeXml, renderBoardSvg, wrapText, xmlCharacters } from './boardSvg.ts';
import { fileStem } from './rasterize.ts';

function card(id: string, lane: CardSnapshot['lane'], title: string, y: number): CardSnapshot {
  return cardFixture(id, lane, title, { position: { x: 1500, y } });
}

const board: BoardSnapshot = {
  meta: { title: 'R&D <plan>', language: 'fr', schemaVersion: 1, focusLimit: 3 },
  cards: [
    card('s1', 'strategy', 'Salons <pro> & foires', 700),
    card('t1', 'tactic', 'Webinar', 1700),
  ],
  links: [
    { id: 'l1', from: 't1', to: 's1' },
    { id: 'l2', from: 't1', to: 'deleted' },
  ],
};

describe('renderBoardSvg', () => {
  it('[export/svg] draws the four bands labelled in the board language, the cards and the links', () => {
    const svg = renderBoardSvg({ board, findings: [], language: 'fr' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polygon /g)).toHaveLength(4);
    for (const label of ['OBJECTIF', 'STRATÉGIE', 'PLAN', 'TACTIQUE']) expect(svg).toContain(label);
    expect(svg).toContain('Salons &lt;pro&gt; &amp; foires');
    expect(svg).toContain('<title>R&amp;D &lt;plan&gt;</title>');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('[export/svg-broken] a dangling link and an error link are red and dashed; the card gets a badge', () => {
    const svg = renderBoardSvg({
      board,
      language: 'en',
      findings: [
        {
          rule: 'link/skips-plan',
          severity: 'warning',
          target: { kind: 'link', id: 'l1' },
          message: { en: 'x', fr: 'x' },
        },
        {
          rule: 'text/tactic-as-strategy',
          severity: 'warning',
          target: { kind: 'card', id: 's1' },
          message: { en: 'x', fr: 'x' },
        },
      ],
    });
    const paths = svg.match(/<path d="M[^"]+" fill="none"[^>]+>/g) ?? [];
    expect(paths).toHaveLength(2);
    expect(
      paths.filter((path) => path.includes('stroke="#c62828"') && path.includes('dasharray')),
    ).toHaveLength(1);
    expect(paths.filter((path) => path.includes('stroke="#ef8d00"'))).toHaveLength(1);
    expect(svg).toContain('fill="#ef8d00"/><text');
  });
});

describe('renderBoardSvg with marks (the history’s diff view)', () => {
  it('[export/marks] marked cards get an outline, a glyph, their id and a class; without marks the picture is unchanged', () => {
    const plain = renderBoardSvg({ board, findings: [], language: 'en' });
    expect(plain).not.toContain('data-card-id');
    const marked = renderBoardSvg({
      board,
      findings: [],
      language: 'en',
      marks: new Map([['s1', 'removed']]),
    });
    expect(marked).toContain(
      'data-card-id="s1" class="ft-svg-card ft-svg-card--removed" opacity="0.6"',
    );
    expect(marked).toContain('data-card-id="t1" class="ft-svg-card"');
    expect(marked).toContain('stroke="#c62828" stroke-width="6" stroke-dasharray="12 8"');
    expect(marked).toContain('>−</text>');
    // An id that needs escaping stays one attribute.
    const hostile = renderBoardSvg({
      board: { ...board, cards: [card('a"b<c', 'tactic', 'x', 1700)] },
      findings: [],
      language: 'en',
      marks: new Map([['a"b<c', 'added']]),
    });
    expect(hostile).toContain('data-card-id="a&quot;b&lt;c"');
  });
});

describe('helpers', () => {
  it('[export/wrap] wraps titles by words with an ellipsis past the last line', () => {
    expect(wrapText('one two three', 20, 2)).toEqual(['one two three']);
    expect(wrapText('alpha beta gamma delta', 11, 2)).toEqual(['alpha beta', 'gamma delta']);
    expect(wrapText('alpha beta gamma delta epsilon', 11, 2)).toEqual([
      'alpha beta',
      'gamma delt…',
    ]);
    expect(wrapText('supercalifragilistic', 10, 2)).toEqual(['supercali…']);
  });
  it('[export/escape] escapes XML', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });
  it('[export/name] file names from titles', () => {
    expect(fileStem('Plan de croissance 2027 — Québec!')).toBe('plan-de-croissance-2027-quebec');
    expect(fileStem('***')).toBe('fire-triangle');
  });
});

describe('renderBoardSvg with hostile text', () => {
  /** Parses `xml` with a strict XML 1.0 parser; returns the errors and the text of every node. */
  function parseXml(xml: string): { errors: string[]; texts: string[] } {
    const parser = new SaxesParser({ xmlns: true });
    const errors: string[] = [];
    const texts: string[] = [];
    parser.on('error', (error) => errors.push(error.message));
    parser.on('text', (text) => texts.push(text));
    parser.write(xml).close();
    return { errors, texts };
  }

  it('[export/xml-chars] every hostile title, body, colour and board title gives a well-formed SVG that still shows the text', () => {
    for (const text of HOSTILE_TEXTS) {
      const hostile: BoardSnapshot = {
        meta: { title: text, language: 'en', schemaVersion: 1, focusLimit: 3 },
        cards: [
          cardFixture('c1', 'strategy', text, {
            body: text,
            colour: text.slice(0, 64),
            position: { x: 1500, y: 700 },
          }),
        ],
        links: [],
      };
      const svg = renderBoardSvg({ board: hostile, findings: [], language: 'en' });
      const { errors, texts } = parseXml(svg);
      expect(errors, JSON.stringify(text)).toEqual([]);
      // The words survive (the first one, as wrapped on the card).
      const firstWord = xmlCharacters(text).trim().split(/\s+/)[0]!.slice(0, 10);
      if (firstWord) expect(texts.join(' ')).toContain(firstWord);
    }
  });

  it('[export/xml-chars] characters XML 1.0 forbids are dropped, broken surrogates become U+FFFD', () => {
    expect(xmlCharacters('a\u0001b\u0000c\u001fd\uFFFEe')).toBe('abcde');
    expect(xmlCharacters('x\uD800y')).toBe('x\uFFFDy');
    expect(xmlCharacters('tab\tnew\nline\r😀')).toBe('tab\tnew\nline\r😀');
  });
});
