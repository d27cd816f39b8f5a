/**
 * Files out of and into a board: PNG and SVG pictures, the JSON board file, the Markdown strategy
 * report, and importing a board file. Import asks first (what will be replaced, that everyone
 * sees it), then replaces the board in one transaction — one undo step, meta included; a refused
 * file leaves the board untouched and says which field on which line is wrong. An export that
 * fails says so in a notice (and is reported) instead of failing silently.
 */
import {
  type AlignmentScore,
  type BoardFileV1,
  BoardImportError,
  type Finding,
  type Language,
  type VoteState,
} from '@fire-triangle/shared';
import { useCallback, useMemo, useState } from 'react';
import { errorSummary, reportError } from '../app/errorReport.ts';
import { renderBoardSvg } from '../export/boardSvg.ts';
import { download, fileStem, svgToPng } from '../export/rasterize.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { buildStrategyReport } from '../report/strategyReport.ts';
import type { BoardActions } from '../sync/boardActions.ts';
import type { BoardReadModel } from '../sync/boardReadModel.ts';
import type { BoardUi } from './boardUi.ts';

export interface BoardFilesInput {
  readModel: BoardReadModel;
  actions: BoardActions;
  ui: BoardUi;
  findings: readonly Finding[];
  score: AlignmentScore;
  /** The board's language (report and picture). */
  language: Language;
  /** The title to name files after when the board has none yet (the server's). */
  fallbackTitle: string;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** The board's dot vote (its results go into the report once revealed). */
  vote?: VoteState | null;
}

/** An import waiting for the person's yes: what the file holds and what it replaces. */
export interface PendingImport {
  file: BoardFileV1;
  replaces: { cards: number; links: number; title: string };
}

export interface BoardFiles {
  exportPng(): Promise<void>;
  exportSvg(): void;
  exportJson(): void;
  exportReport(): void;
  /** Reads a board file's text: a valid file waits in `pendingImport` for `confirmImport`, a
   * refused one fills `importIssues`. Nothing changes yet. */
  importFile(text: string): void;
  pendingImport: PendingImport | null;
  /** Replaces the board with the pending file (one undo step) and says so. */
  confirmImport(): void;
  cancelImport(): void;
  /** Why the last import was refused (field, line, message), until dismissed. */
  importIssues: BoardImportError | null;
  dismissImportIssues(): void;
}

export function useBoardFiles(input: BoardFilesInput): BoardFiles {
  const { readModel, actions, ui, findings, score, language, fallbackTitle, t, vote } = input;
  const [importIssues, setImportIssues] = useState<BoardImportError | null>(null);
  const [pendingImport, setPendingImport] = useState<PendingImport | null>(null);

  const exports = useMemo(() => {
    const stem = () => fileStem(readModel.getMeta().title || fallbackTitle);
    const svg = () => renderBoardSvg({ board: readModel.snapshot(), findings, language });
    /** Runs one export; a failure becomes a notice and a report, never a silent nothing. */
    const guarded =
      (format: string, run: () => void | Promise<void>) => async (): Promise<void> => {
        try {
          await run();
        } catch (error) {
          reportError(`${format} export`, error);
          ui.getState().notify(t('export.failed', { format, error: errorSummary(error) }));
        }
      };
    return {
      exportPng: guarded('PNG', async () => {
        download(`${stem()}.png`, await svgToPng(svg()));
      }),
      exportSvg: guarded('SVG', () => download(`${stem()}.svg`, svg(), 'image/svg+xml')),
      exportJson: guarded('JSON', () =>
        download(`${stem()}.json`, actions.exportJson(), 'application/json'),
      ),
      exportReport: guarded('Markdown', () => {
        const markdown = buildStrategyReport({
          board: readModel.snapshot(),
          findings,
          score,
          language,
          date: new Date(),
          vote: vote ?? null,
        });
        download(`${stem()}-report.md`, markdown, 'text/markdown');
      }),
    };
  }, [actions, fallbackTitle, findings, language, readModel, score, ui, t, vote]);

  const importFile = useCallback(
    (text: string) => {
      try {
        const file = actions.readBoardFile(text);
        setImportIssues(null);
        const board = readModel.snapshot();
        setPendingImport({
          file,
          replaces: {
            cards: board.cards.length,
            links: board.links.length,
            title: board.meta.title || fallbackTitle,
          },
        });
      } catch (error) {
        setImportIssues(
          error instanceof BoardImportError
            ? error
            : new BoardImportError([
                { path: '', message: error instanceof Error ? error.message : String(error) },
              ]),
        );
      }
    },
    [actions, readModel, fallbackTitle],
  );
  const confirmImport = useCallback(() => {
    if (!pendingImport) return;
    setPendingImport(null);
    try {
      const counts = actions.importBoardFile(pendingImport.file);
      ui.getState().select([]);
      ui.getState().notify(t('import.done', counts));
    } catch (error) {
      setImportIssues(
        new BoardImportError([
          { path: '', message: error instanceof Error ? error.message : String(error) },
        ]),
      );
    }
  }, [actions, pendingImport, ui, t]);
  const cancelImport = useCallback(() => setPendingImport(null), []);
  const dismissImportIssues = useCallback(() => setImportIssues(null), []);

  return {
    ...exports,
    importFile,
    pendingImport,
    confirmImport,
    cancelImport,
    importIssues,
    dismissImportIssues,
  };
}
