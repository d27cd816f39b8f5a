/**
 * The triangle as a standalone SVG document: bands and labels, links (broken ones red and
 * dashed), cards with their lane colour, title and findings badge. Pure (plain data in, a
 * string out), so the PNG export, the tests and any server-side renderer draw the same picture.
 */
import {
  type BoardSnapshot,
  CARD_SIZE,
  type CardSnapshot,
  type Finding,
  LANE_BANDS,
  LANE_COLOURS,
  LANE_LABELS,
  type Language,
  type Severity,
  TRIANGLE,
  wellFormedText,
} from '@fire-triangle/shared';

const MARGIN = 40;
/** Cards keep the default colour of the lane they were created in; draw them in their lane's. */
const DEFAULT_COLOURS = new Set<string>(Object.values(LANE_COLOURS));
const SEVERITY_COLOUR: Record<Severity, string> = {
  error: '#c62828',
  warning: '#ef8d00',
  info: '#1565c0',
};
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * What XML 1.0 does not allow in a document (§2.2 `Char`): C0 control characters other than tab,
 * line feed and carriage return, U+FFFE, U+FFFF, and halves of surrogate pairs. A card title may
 * hold any of them (import accepts U+0001); one of them makes the SVG ill-formed and the PNG
 * export fail.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text as XML 1.0 may carry it: broken surrogate halves become U+FFFD (as in the doc), other
 * characters XML forbids are dropped.
 */
export function xmlCharacters(text: string): string {
  return wellFormedText(text).replace(NOT_XML_CHAR, '');
}

/** Text for an SVG/XML text node or attribute: only XML 1.0 characters, markup escaped. */
export function escapeXml(text: string): string {
  return xmlCharacters(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Splits a title into at most `maxLines` lines of about `width` characters, with an ellipsis. */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  let truncated = false;
  for (const raw of words) {
    const word = raw.length > width ? `${raw.slice(0, width - 1)}…` : raw;
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length <= width) {
      current = candidate;
      continue;
    }
    lines.push(current);
    if (lines.length === maxLines) {
      truncated = true;
      current = '';
      break;
    }
    current = word;
  }
  if (current) lines.push(current);
  if (truncated) {
    const last = lines[maxLines - 1]!;
    lines[maxLines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  }
  return lines;
}

/** How a card stands against another state of the board (the history's diff view). */
export type CardMark = 'added' | 'removed' | 'changed';

/** Outline colour, dash and the glyph drawn on a marked card (a glyph, not colour alone). */
const MARK_STYLE: Readonly<Record<CardMark, { colour: string; dash: string; glyph: string }>> = {
  added: { colour: '#2e7d32', dash: '', glyph: '+' },
  removed: { colour: '#c62828', dash: ' stroke-dasharray="12 8"', glyph: '−' },
  changed: { colour: '#b26a00', dash: '', glyph: '~' },
};

export interface BoardSvgInput {
  board: BoardSnapshot;
  findings: readonly Finding[];
  language: Language;
  /**
   * Marks cards (outline and glyph) and gives every card `data-card-id` and a class
   * `ft-svg-card--<mark>`, for a picture shown in the page (the history's diff view).
   */
  marks?: ReadonlyMap<string, CardMark>;
}

export function renderBoardSvg({ board, findings, language, marks }: BoardSvgInput): string {
  const width = TRIANGLE.width + MARGIN * 2;
  const height = TRIANGLE.height + MARGIN * 2;
  const cards = new Map(board.cards.map((card) => [card.id, card]));
  const worstByTarget = new Map<string, Severity>();
  const countByCard = new Map<string, number>();
  for (const finding of findings) {
    const key = `${finding.target.kind}:${finding.target.id}`;
    const previous = worstByTarget.get(key);
    if (!previous || SEVERITY_RANK[finding.severity] < SEVERITY_RANK[previous]) {
      worstByTarget.set(key, finding.severity);
    }
    if (finding.target.kind === 'card') {
      countByCard.set(finding.target.id, (countByCard.get(finding.target.id) ?? 0) + 1);
    }
  }

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${-MARGIN} ${-MARGIN} ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`,
  );
  parts.push(`<title>${escapeXml(board.meta.title || 'Fire Triangle')}</title>`);
  parts.push(
    `<rect x="${-MARGIN}" y="${-MARGIN}" width="${width}" height="${height}" fill="#ffffff"/>`,
  );
  parts.push(
    '<defs><marker id="ft-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 Z" fill="#555"/></marker></defs>',
  );
  for (const band of LANE_BANDS) {
    const points = band.polygon.map((point) => `${point.x},${point.y}`).join(' ');
    const colour = LANE_COLOURS[band.lane];
    parts.push(
      `<polygon points="${points}" fill="${colour}" fill-opacity="0.1" stroke="${colour}" stroke-opacity="0.45" stroke-width="3"/>`,
    );
    const labelY = band.lane === 'objective' ? band.bottom - 150 : band.top + 70;
    parts.push(
      `<text x="${TRIANGLE.width / 2}" y="${labelY}" text-anchor="middle" fill="${colour}" fill-opacity="0.55" font-size="${band.lane === 'objective' ? 56 : 64}" font-weight="700" letter-spacing="6">${escapeXml(LANE_LABELS[language][band.lane].toUpperCase())}</text>`,
    );
  }

  for (const link of board.links) {
    const from = cards.get(link.from);
    const to = cards.get(link.to);
    if (!from && !to) continue;
    const start = from
      ? { x: from.position.x + CARD_SIZE.width / 2, y: from.position.y }
      : { x: to!.position.x + CARD_SIZE.width / 2, y: to!.position.y + CARD_SIZE.height + 150 };
    const end = to
      ? { x: to.position.x + CARD_SIZE.width / 2, y: to.position.y + CARD_SIZE.height }
      : { x: start.x, y: start.y - 150 };
    const severity = worstByTarget.get(`link:${link.id}`);
    const broken = !from || !to || severity === 'error';
    const colour = broken
      ? SEVERITY_COLOUR.error
      : severity === 'warning'
        ? SEVERITY_COLOUR.warning
        : '#777';
    const midY = (start.y + end.y) / 2;
    parts.push(
      `<path d="M${start.x} ${start.y} C${start.x} ${midY} ${end.x} ${midY} ${end.x} ${end.y}" fill="none" stroke="${colour}" stroke-width="${broken ? 3 : 2}"${broken || severity === 'warning' ? ' stroke-dasharray="10 7"' : ''} marker-end="url(#ft-arrow)"/>`,
    );
    if (!from || !to) {
      const ghost = from ? end : start;
      parts.push(
        `<circle cx="${ghost.x}" cy="${ghost.y}" r="16" fill="#fff" stroke="${SEVERITY_COLOUR.error}" stroke-width="3" stroke-dasharray="5 4"/><text x="${ghost.x}" y="${ghost.y + 7}" text-anchor="middle" font-size="20" font-weight="700" fill="${SEVERITY_COLOUR.error}">?</text>`,
      );
    }
  }

  for (const card of board.cards) {
    parts.push(renderCard(card, language, worstByTarget, countByCard, marks));
  }
  parts.push('</svg>');
  return parts.join('\n');
}

function renderCard(
  card: CardSnapshot,
  language: Language,
  worstByTarget: ReadonlyMap<string, Severity>,
  countByCard: ReadonlyMap<string, number>,
  marks?: ReadonlyMap<string, CardMark>,
): string {
  const { x, y } = card.position;
  const mark = marks?.get(card.id);
  const colour = escapeXml(
    DEFAULT_COLOURS.has(card.colour) ? LANE_COLOURS[card.lane] : card.colour,
  );
  const lines = wrapText(card.title || '…', 24, card.body ? 2 : 3);
  const out: string[] = [];
  const identity = marks
    ? ` data-card-id="${escapeXml(card.id)}" class="ft-svg-card${mark ? ` ft-svg-card--${mark}` : ''}"${mark === 'removed' ? ' opacity="0.6"' : ''}`
    : '';
  out.push(`<g transform="translate(${x} ${y})"${identity}>`);
  out.push(
    `<rect width="${CARD_SIZE.width}" height="${CARD_SIZE.height}" rx="8" fill="#ffffff" stroke="#c9ccd3"/>`,
  );
  if (mark) {
    const style = MARK_STYLE[mark];
    out.push(
      `<rect x="-5" y="-5" width="${CARD_SIZE.width + 10}" height="${CARD_SIZE.height + 10}" rx="11" fill="none" stroke="${style.colour}" stroke-width="6"${style.dash}/>`,
      `<circle cx="0" cy="0" r="15" fill="${style.colour}"/><text x="0" y="7" text-anchor="middle" font-size="20" font-weight="700" fill="#fff">${style.glyph}</text>`,
    );
  }
  out.push(`<rect width="${CARD_SIZE.width}" height="6" rx="3" fill="${colour}"/>`);
  out.push(
    `<text x="10" y="22" font-size="11" font-weight="700" fill="${colour}" letter-spacing="1">${escapeXml(LANE_LABELS[language][card.lane].toUpperCase())}</text>`,
  );
  lines.forEach((line, index) => {
    out.push(
      `<text x="10" y="${42 + index * 18}" font-size="14" font-weight="600" fill="#1d2330">${escapeXml(line)}</text>`,
    );
  });
  if (card.body) {
    const body = wrapText(card.body, 32, 1)[0] ?? '';
    out.push(
      `<text x="10" y="${42 + lines.length * 18}" font-size="11" fill="#5b6170">${escapeXml(body)}</text>`,
    );
  }
  const severity = worstByTarget.get(`card:${card.id}`);
  if (severity) {
    out.push(
      `<circle cx="${CARD_SIZE.width - 12}" cy="16" r="10" fill="${SEVERITY_COLOUR[severity]}"/><text x="${CARD_SIZE.width - 12}" y="20" text-anchor="middle" font-size="12" font-weight="700" fill="#fff">${countByCard.get(card.id) ?? 0}</text>`,
    );
  }
  out.push('</g>');
  return out.join('');
}
