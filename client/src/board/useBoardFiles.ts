/**
 * Files out of and into a board: PNG and SVG pictures, the JSON board file, the Markdown strategy
 * report, and importing a board file (one undoable transaction; a refused file leaves the board
 * untouched and says which field on which line is wrong).
 */
import {
  type AlignmentScore,
  BoardImportError,
  type Finding,
  type Language,
} from '@fire-triangle/shared';
import { useCallback, useMemo, useState } from 'react';
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
}

export interface BoardFiles {
  exportPng(): Promise<void>;
  exportSvg(): void;
  exportJson(): void;
  exportReport(): void;
  /** Imports a board file's text; success shows a notice, a refusal fills `importIssues`. */
  importFile(text: string): void;
  /** Why the last import was refused (field, line, message), until dismissed. */
  importIssues: BoardImportError | null;
  dismissImportIssues(): void;
}

export function useBoardFiles(input: BoardFilesInput): BoardFiles {
  const { readModel, actions, ui, findings, score, language, fallbackTitle, t } = input;
  const [importIssues, setImportIssues] = useState<BoardImportError | null>(null);

  const exports = useMemo(() => {
    const stem = () => fileStem(readModel.getMeta().title || fallbackTitle);
    const svg = () => renderBoardSvg({ board: readModel.snapshot(), findings, language });
    return {
      async exportPng() {
        download(`${stem()}.png`, await svgToPng(svg()));
      },
      exportSvg() {
        download(`${stem()}.svg`, svg(), 'image/svg+xml');
      },
      exportJson() {
        download(`${stem()}.json`, actions.exportJson(), 'application/json');
      },
      exportReport() {
        const markdown = buildStrategyReport({
          board: readModel.snapshot(),
          findings,
          score,
          language,
          date: new Date(),
        });
        download(`${stem()}-report.md`, markdown, 'text/markdown');
      },
    };
  }, [actions, fallbackTitle, findings, language, readModel, score]);

  const importFile = useCallback(
    (text: string) => {
      try {
        const counts = actions.importJson(text);
        setImportIssues(null);
        ui.getState().select([]);
        ui.getState().notify(t('import.done', counts));
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
    [actions, ui, t],
  );
  const dismissImportIssues = useCallback(() => setImportIssues(null), []);

  return { ...exports, importFile, importIssues, dismissImportIssues };
}
