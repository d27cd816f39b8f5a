/**
 * Error boundaries for the board page (react-error-boundary). A part of the page that fails to
 * draw — a panel, the canvas — is replaced by a small notice with a "Try again" button, and the
 * rest of the board stays on screen; the whole board only falls back to `BoardCrashed` (reload,
 * or download the board file) when the page around the parts fails. Every caught error is
 * reported (`reportError`). The board's data is never at risk here: it lives in the session
 * (doc, device copy, server), outside every boundary.
 */
import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { download } from '../export/rasterize.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { errorSummary, reportError } from './errorReport.ts';

export interface SafePartProps {
  /** Which part this is, for the report and the `data-part` attribute (e.g. 'findings'). */
  part: string;
  /** When one of these changes, a failed part is drawn again (e.g. the board changed). */
  resetKeys?: unknown[];
  children: ReactNode;
}

/** One part of the board page, drawn again on `resetKeys` changes or "Try again". */
export function SafePart({ part, resetKeys, children }: SafePartProps) {
  return (
    <ErrorBoundary
      resetKeys={resetKeys}
      onError={(error, info) => reportError(`${part} part`, error, info.componentStack)}
      fallbackRender={(props) => <PartFailed part={part} {...props} />}
    >
      {children}
    </ErrorBoundary>
  );
}

function PartFailed({ part, error, resetErrorBoundary }: FallbackProps & { part: string }) {
  const { t } = useI18n();
  return (
    <div className="ft-part-failed" role="alert" data-part={part}>
      <p>{t('crash.part')}</p>
      <p className="ft-part-failed__detail">{errorSummary(error)}</p>
      <button type="button" className="ft-button" onClick={() => resetErrorBoundary()}>
        {t('crash.retry')}
      </button>
    </div>
  );
}

export interface BoardBoundaryProps {
  /** The board file of the board on screen (the session's doc, which a crash cannot reach). */
  exportBoard(): string;
  /** The file name's stem for the download. */
  fileStem(): string;
  resetKeys?: unknown[];
  children: ReactNode;
}

/** The last line of defence around the whole board page. */
export function BoardBoundary({ exportBoard, fileStem, resetKeys, children }: BoardBoundaryProps) {
  return (
    <ErrorBoundary
      resetKeys={resetKeys}
      onError={(error, info) => reportError('board page', error, info.componentStack)}
      fallbackRender={(props) => (
        <BoardCrashed exportBoard={exportBoard} fileStem={fileStem} {...props} />
      )}
    >
      {children}
    </ErrorBoundary>
  );
}

function BoardCrashed({
  error,
  resetErrorBoundary,
  exportBoard,
  fileStem,
}: FallbackProps & Pick<BoardBoundaryProps, 'exportBoard' | 'fileStem'>) {
  const { t } = useI18n();
  const saveBoardFile = () => download(`${fileStem()}.json`, exportBoard(), 'application/json');
  return (
    <main className="ft-page ft-board-crashed" role="alert">
      <div className="ft-dialog ft-board-crashed__dialog">
        <h1>{t('crash.title')}</h1>
        <p>{t('crash.safe')}</p>
        <div className="ft-board-crashed__actions">
          <button
            type="button"
            className="ft-button ft-button--primary ft-board-crashed__retry"
            onClick={() => resetErrorBoundary()}
          >
            {t('crash.retry')}
          </button>
          <button
            type="button"
            className="ft-button ft-board-crashed__reload"
            onClick={() => location.reload()}
          >
            {t('crash.reload')}
          </button>
          <button
            type="button"
            className="ft-button ft-board-crashed__export"
            onClick={saveBoardFile}
          >
            {t('crash.export')}
          </button>
        </div>
        <details className="ft-board-crashed__details">
          <summary>{t('crash.details')}</summary>
          <pre>{errorSummary(error)}</pre>
        </details>
      </div>
    </main>
  );
}
