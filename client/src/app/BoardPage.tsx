import { type BoardInfo, cleanName } from '@fire-triangle/shared';
import { ReactFlowProvider } from '@xyflow/react';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, fetchBoardInfo } from '../api/boards.ts';
import { BoardCanvas } from '../board/BoardCanvas.tsx';
import { fileStem } from '../export/rasterize.ts';
import { LanguageSwitch, useI18n } from '../i18n/I18nProvider.tsx';
import { PRESENCE_NAME_LENGTH } from '../sync/presence.ts';
import { useBoardSession } from '../sync/useBoardSession.ts';
import { rememberBoard } from './recentBoards.ts';
import { BoardBoundary } from './SafeBoundary.tsx';

const NAME_KEY = 'ft-user-name';
const infoKey = (boardId: string, token: string) => `ft-board-info:${boardId}:${token.slice(-16)}`;

type Access =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; info: BoardInfo; offline: boolean };

/** Learns the role this link grants (or why it grants none), then opens the board. */
function useBoardAccess(boardId: string, token: string | null, noTokenMessage: string): Access {
  const [access, setAccess] = useState<Access>({ kind: 'loading' });
  useEffect(() => {
    if (!token) {
      setAccess({ kind: 'error', message: noTokenMessage });
      return;
    }
    let cancelled = false;
    fetchBoardInfo(boardId, token).then(
      (info) => {
        if (cancelled) return;
        localStorage.setItem(infoKey(boardId, token), JSON.stringify(info));
        setAccess({ kind: 'ready', info, offline: false });
      },
      (error: unknown) => {
        if (cancelled) return;
        // Offline (or the server is down): open what this device knows; edits wait in IndexedDB.
        const cached = localStorage.getItem(infoKey(boardId, token));
        if (error instanceof ApiError && (error.network || error.status >= 500) && cached) {
          setAccess({
            kind: 'ready',
            info: JSON.parse(cached) as BoardInfo,
            offline: true,
          });
          return;
        }
        setAccess({
          kind: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [boardId, token, noTokenMessage]);
  return access;
}

export function BoardPage({ boardId, token }: { boardId: string; token: string | null }) {
  const { t } = useI18n();
  const access = useBoardAccess(boardId, token, t('board.error.noToken'));
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '');
  const ready = access.kind === 'ready' && name !== '' && token !== null;
  const session = useBoardSession(
    ready ? { boardId, token: token!, author: name, role: access.info.role } : null,
  );

  useEffect(() => {
    if (access.kind !== 'ready') return;
    document.title = `${access.info.title || boardId} — Fire Triangle`;
    // The home page lists the boards opened on this device, with the link that opened them.
    rememberBoard({
      id: boardId,
      title: access.info.title || boardId,
      link: `${location.pathname}${location.search}`,
      role: access.info.role,
    });
  }, [access, boardId]);
  const rename = (next: string) => {
    localStorage.setItem(NAME_KEY, next);
    setName(next);
  };

  if (access.kind === 'error') {
    return (
      <main className="ft-page ft-board-error" role="alert">
        <h1>{t('board.error.title')}</h1>
        <p className="ft-board-error__message">{access.message}</p>
        <a className="ft-button" href="/">
          {t('board.error.home')}
        </a>
      </main>
    );
  }
  if (access.kind === 'loading') {
    return <main className="ft-page ft-loading">{t('board.loading')}</main>;
  }
  if (!name) {
    return (
      <NamePrompt
        onSubmit={(chosen) => {
          localStorage.setItem(NAME_KEY, chosen);
          setName(chosen);
        }}
      />
    );
  }
  if (!session) return <main className="ft-page ft-loading">{t('board.loading')}</main>;
  return (
    <ReactFlowProvider>
      {access.offline ? <div className="ft-offline-info">{t('board.offlineInfo')}</div> : null}
      <BoardBoundary
        exportBoard={() => session.actions.exportJson()}
        fileStem={() => fileStem(session.readModel.getMeta().title || access.info.title)}
      >
        <BoardCanvas session={session} info={access.info} userName={name} onRename={rename} />
      </BoardBoundary>
    </ReactFlowProvider>
  );
}

function NamePrompt({ onSubmit }: { onSubmit(name: string): void }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = cleanName(value, PRESENCE_NAME_LENGTH);
    if (trimmed) onSubmit(trimmed);
  };
  return (
    <main className="ft-page">
      <div className="ft-page__corner">
        <LanguageSwitch />
      </div>
      <form className="ft-dialog ft-name-dialog" onSubmit={submit}>
        <h1>{t('name.title')}</h1>
        <p>{t('name.hint')}</p>
        <input
          className="ft-name-input"
          aria-label={t('name.title')}
          value={value}
          maxLength={40}
          // biome-ignore lint/a11y/noAutofocus: the page asks exactly this one question
          autoFocus
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" className="ft-button ft-button--primary" disabled={!value.trim()}>
          {t('name.submit')}
        </button>
      </form>
    </main>
  );
}
