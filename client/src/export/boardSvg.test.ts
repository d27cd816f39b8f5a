import type { BoardSnapshot, CardSnapshot } from '@fire-triangle/shared';
import { card as cardFixture } from '@fire-triangle/shared/test-support';
import { describe, expect, it } from 'vitest';
import { escapeXml, renderBoardSvg, wrapText } from './boardSvg.ts';
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
