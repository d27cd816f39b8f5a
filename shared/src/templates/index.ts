/**
 * Board templates a facilitator can start from. Each is plain board-file data (`BoardFileV1`),
 * so a template goes through the same checked import as any file.
 */
import type * as Y from 'yjs';
import { LANGUAGES, type Language } from '../board/lanes.ts';
import { type BoardFileV1, importBoard } from '../format/board-file.ts';
import { exampleBoard, SEED_001_EXAMPLES } from './seed-001.ts';

export interface BoardTemplate {
  /** Stable, e.g. `seed-001-rebrand-fr`. */
  id: string;
  language: Language;
  title: string;
  description: string;
  file: BoardFileV1;
}

/** Every template: the three worked examples of seed 001, in French then English. */
export const TEMPLATES: readonly BoardTemplate[] = LANGUAGES.flatMap((language) =>
  SEED_001_EXAMPLES.map((example) => ({
    id: `seed-001-${example.key}-${language}`,
    language,
    title: example.text[language].boardTitle,
    description: example.text[language].description,
    file: exampleBoard(example, language),
  })),
);

export function findTemplate(id: string): BoardTemplate | undefined {
  return TEMPLATES.find((template) => template.id === id);
}

/**
 * Replaces the board in `doc` with a template, in one transaction tagged `origin`.
 * Returns false (and changes nothing) for an unknown template id.
 */
export function applyTemplate(doc: Y.Doc, id: string, origin: unknown = null): boolean {
  const template = findTemplate(id);
  if (!template) return false;
  importBoard(template.file, doc, origin);
  return true;
}
