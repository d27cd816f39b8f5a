import type { AlignmentScore, BoardSnapshot, Finding, VoteState } from '@fire-triangle/shared';
import { card, HOSTILE_TEXTS } from '@fire-triangle/shared/test-support';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { buildStrategyReport, escapeMarkdown } from './strategyReport.ts';

const board: BoardSnapshot = {
  meta: { title: 'Rebrand 2027', language: 'en', schemaVersion: 1, focusLimit: 3 },
  cards: [
    card('o1', 'objective', 'Grow revenue 15% in Quebec by 2027'),
    card('s1', 'strategy', 'Win mid-size retailers', { body: 'Because they buy\nin volume' }),
    card('p1', 'plan', 'Partner plan', { kpi: 'leads/month', owner: 'Sam', dueDate: '2027-03-01' }),
    card('t1', 'tactic', 'Trade show in Montreal'),
    card('t2', 'tactic', 'Newsletter'),
    card('t3', 'tactic', 'Lonely *tactic*'),
  ],
  links: [
    { id: 'l1', from: 's1', to: 'o1' },
    { id: 'l2', from: 'p1', to: 's1' },
    { id: 'l3', from: 't1', to: 'p1' },
    { id: 'l4', from: 't2', to: 'p1' },
    { id: 'l5', from: 't3', to: 'gone' },
  ],
};

const findings: Finding[] = [
  {
    rule: 'card/plan-incomplete',
    severity: 'info',
    target: { kind: 'card', id: 'p1' },
    message: { en: 'The plan has no budget.', fr: 'Le plan n’a pas de budget.' },
  },
  {
    rule: 'link/dangling',
    severity: 'error',
    target: { kind: 'link', id: 'l5' },
    message: {
      en: 'This link points at a deleted card.',
      fr: 'Ce lien pointe vers une carte supprimée.',
    },
  },
];

const score: AlignmentScore = {
  tacticsAligned: 2,
  tacticsTotal: 3,
  objectivesReached: 1,
  objectivesTotal: 1,
  overall: 0.83,
};

describe('buildStrategyReport', () => {
  const date = new Date('2027-01-15T10:00:00Z');

  it('[report/tree] reads the board from objectives down to tactics, indented by level', () => {
    const report = buildStrategyReport({ board, findings, score, language: 'en', date });
    const lines = report.split('\n');
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    expect(lines[0]).toBe('# Strategy report — Rebrand 2027');
    expect(report).toContain('Generated on 2027-01-15.');
    expect(report).toContain('**Alignment: 83%**');
    expect(lines[at('Grow revenue')]).toMatch(/^- \*\*Objective\*\* — Grow revenue/);
    expect(lines[at('Win mid-size')]).toMatch(/^ {2}- \*\*Strategy\*\* — Win mid-size retailers$/);
    expect(lines[at('Partner plan')]).toBe(
      '    - **Plan** — Partner plan (KPI: leads/month, owner: Sam, due: 2027-03-01)',
    );
    expect(lines[at('Newsletter')]).toMatch(/^ {6}- \*\*Tactic\*\* — Newsletter$/);
    expect(at('Grow revenue')).toBeLessThan(at('Win mid-size'));
    expect(at('Win mid-size')).toBeLessThan(at('Partner plan'));
    expect(at('Partner plan')).toBeLessThan(at('Trade show'));
    // The body is one line under its card; findings of a card sit under it.
    expect(report).toContain('    Because they buy in volume');
    expect(lines[at('Partner plan') + 1]).toContain(
      'ℹ️ The plan has no budget. `card/plan-incomplete`',
    );
  });

  it('[report/orphans] lists cards that serve no objective, and every finding by severity', () => {
    const report = buildStrategyReport({ board, findings, score, language: 'en', date });
    const orphans = report.slice(
      report.indexOf('## Cards that serve no objective'),
      report.indexOf('## Findings'),
    );
    expect(orphans).toContain('Lonely \\*tactic\\*');
    expect(orphans).not.toContain('Newsletter');
    const findingsPart = report.slice(report.indexOf('## Findings'));
    expect(findingsPart.indexOf('### Errors (1)')).toBeLessThan(
      findingsPart.indexOf('### Suggestions (1)'),
    );
    expect(findingsPart).toContain(
      '**link Lonely \\*tactic\\* → (deleted card)**: This link points at a deleted card.',
    );
  });

  it('[report/language] speaks the board’s language', () => {
    const report = buildStrategyReport({ board, findings, score, language: 'fr', date });
    expect(report).toMatch(/^# Rapport de stratégie — Rebrand 2027/);
    expect(report).toContain('**Objectif** — Grow revenue');
    expect(report).toContain('Le plan n’a pas de budget.');
    expect(report).toContain('### Erreurs (1)');
  });

  it('[report/cycles] a cycle of links (after careless drags) does not loop forever', () => {
    const looped: BoardSnapshot = {
      ...board,
      links: [...board.links, { id: 'l9', from: 'o1', to: 's1' }],
    };
    const report = buildStrategyReport({
      board: looped,
      findings: [],
      score,
      language: 'en',
      date,
    });
    expect(report.match(/Win mid-size retailers/g)?.length).toBe(1);
  });

  it('[report/empty] an empty board says so', () => {
    const empty: BoardSnapshot = { ...board, cards: [], links: [] };
    const report = buildStrategyReport({ board: empty, findings: [], score, language: 'en', date });
    expect(report).toContain('The board has no objective yet.');
    expect(report).toContain('No findings.');
  });

  it('[report/vote] a revealed dot vote is listed, most dots first; a vote before its reveal is not', () => {
    const vote: VoteState = {
      id: 'v_1',
      state: 'revealed',
      scope: { kind: 'lanes', lanes: ['tactic', 'strategy'] },
      dotsPerPerson: 3,
      maxDotsPerCard: 1,
      startedAt: 0,
      endsAt: null,
      results: [
        { cardId: 't2', dots: 4 },
        { cardId: 's1', dots: 2 },
        { cardId: 'gone', dots: 1 },
      ],
      voters: 5,
    };
    const report = buildStrategyReport({ board, findings, score, language: 'en', date, vote });
    const section = report.slice(report.indexOf('## Dot vote'), report.indexOf('## Findings'));
    expect(section.split('\n').filter(Boolean)).toEqual([
      '## Dot vote',
      '5 participants voted, 3 dots each. Most dots first:',
      '1. **Tactic** — Newsletter — 4 dots',
      '2. **Strategy** — Win mid-size retailers — 2 dots',
      '3. (deleted card) — 1 dot',
    ]);
    const fr = buildStrategyReport({ board, findings, score, language: 'fr', date, vote });
    expect(fr).toContain('## Vote par points');
    expect(fr).toContain('1. **Tactique** — Newsletter — 4 points');
    for (const hidden of [{ ...vote, state: 'open' as const, results: null }, null]) {
      expect(
        buildStrategyReport({ board, findings, score, language: 'en', date, vote: hidden }),
      ).not.toContain('Dot vote');
    }
  });

  it('[report/escape] card text cannot inject Markdown structure', () => {
    expect(escapeMarkdown('# [a](b) *x* `y`\nnext')).toBe('\\# \\[a\\](b) \\*x\\* \\`y\\` next');
  });

  it('[report/escape] a bidi override in a card’s text does not reverse the rest of its line', () => {
    expect(escapeMarkdown('AB\u202E: tail')).toBe('AB: tail');
    expect(escapeMarkdown('\u2067x\u2069 y\u202Dz')).toBe('x yz');
  });

  it('[report/markdown-escape] hostile titles, bodies and plan fields stay plain text: no heading, link, image, HTML, code or list of their own', () => {
    const markdown = new MarkdownIt({ html: true, linkify: false });
    /** Block and inline token types of a rendered report, and its visible text. */
    const read = (report: string) => {
      const types: string[] = [];
      let text = '';
      for (const token of markdown.parse(report, {})) {
        types.push(token.type);
        for (const child of token.children ?? []) {
          types.push(child.type);
          if (child.type === 'text') text += child.content;
        }
      }
      return { types, text };
    };
    const count = (types: string[], type: string) => types.filter((t) => t === type).length;
    const plain = read(buildStrategyReport({ board, findings, score, language: 'en', date }));
    for (const text of HOSTILE_TEXTS) {
      const hostile: BoardSnapshot = {
        meta: { ...board.meta, title: text },
        cards: board.cards.map((original) =>
          original.id === 'p1'
            ? { ...original, title: text, body: text, kpi: text, owner: text, budget: text }
            : original.id === 't3'
              ? { ...original, title: text, body: text }
              : original,
        ),
        links: board.links,
      };
      const { types, text: shown } = read(
        buildStrategyReport({ board: hostile, findings, score, language: 'en', date }),
      );
      const label = JSON.stringify(text);
      for (const structure of [
        'heading_open',
        'bullet_list_open',
        'ordered_list_open',
        'blockquote_open',
        'hr',
        'table_open',
        'fence',
        'code_block',
        'paragraph_open',
        'code_inline',
        'strong_open',
      ]) {
        expect(count(types, structure), `${structure} from ${label}`).toBe(
          count(plain.types, structure),
        );
      }
      for (const injected of [
        'link_open',
        'image',
        'html_inline',
        'html_block',
        'em_open',
        's_open',
      ]) {
        expect(count(types, injected), `${injected} from ${label}`).toBe(0);
      }
      // The words are still there, as text.
      const firstWord = text
        .replace(/\p{Cc}/gu, ' ')
        .trim()
        .split(/\s+/)[0]!
        .slice(0, 8);
      expect(shown, label).toContain(firstWord);
    }
  });
});
