/**
 * The REST API's request and response bodies — the client–server contract, declared once: the
 * server sends exactly these, the client reads exactly these. Every error is `{ error }` (plus `issues` for a refused import),
 * with a message meant to be shown to a person.
 */
import type { Language } from '../board/lanes.ts';
import type { AlignmentScore, Finding } from '../validator/types.ts';
import type { Role } from './roles.ts';

/** `POST /api/boards` body (JSON, every field optional). */
export interface CreateBoardRequest {
  title?: string;
  language?: Language;
  /** A template id from `GET /api/templates`. */
  template?: string;
}

/**
 * `POST /api/boards` → 201. `links` are the share links to copy (`shareLink` with `PUBLIC_URL`
 * or the request's origin); `tokens` the same tokens alone.
 */
export interface CreatedBoard {
  id: string;
  title: string;
  language: Language;
  links: Record<Role, string>;
  tokens: Record<Role, string>;
}

/** `GET /api/boards/:id` → 200: what the board is and what this token may do on it. */
export interface BoardInfo {
  id: string;
  title: string;
  language: Language;
  role: Role;
}

/** `POST /api/boards/:id/import` → 200: how many cards and links the board now holds. */
export interface ImportBoardResponse {
  cards: number;
  links: number;
}

/** A finding with its message in the requested language (`text`), both languages in `message`. */
export type ReportFinding = Finding & { text: string };

/** `GET /api/boards/:id/report?lang=fr|en` → 200 (`lang` defaults to the board's language). */
export interface BoardReportResponse {
  lang: Language;
  findings: ReportFinding[];
  score: AlignmentScore;
}

/** `GET /api/templates` → 200: one entry per template. */
export interface TemplateSummary {
  id: string;
  language: Language;
  title: string;
  description: string;
}

/** Every error response. */
export interface ApiErrorResponse {
  error: string;
  /** Only for a refused import: each problem with the field path and, when known, the line. */
  issues?: { path: string; line?: number; column?: number; message: string }[];
}
