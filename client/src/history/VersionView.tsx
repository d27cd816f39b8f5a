/**
 * A version opened read-only over the live board (issue #9): the board as it was, with its
 * findings and alignment score (the shared validator, run here), or what changed since — cards
 * added, deleted, changed, highlighted on the picture and listed — with "Restore this card" for
 * a facilitator; export as a board file or a Markdown report; and the restore confirmation.
 * The live board keeps running underneath (its changes update the comparison).
 */
import {
  alignmentScore,
  type BoardSnapshot,
  changedCardFields,
  diffBoards,
  type Finding,
  LANE_LABELS,
  type Language,
  validateBoard,
} from '@fire-triangle/shared';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { FindingsPanel, ScoreBadge } from '../board/Panels.tsx';
import { renderBoardSvg } from '../export/boardSvg.ts';
import { download, fileStem } from '../export/rasterize.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { buildStrategyReport } from '../report/strategyReport.ts';
import type { BoardReadModel } from '../sync/boardReadModel.ts';
import { useBoardVersion } from '../sync/useBoardSession.ts';
import { diffPicture } from './diffPicture.ts';
import { formatVersionTime, versionLabel } from './historyText.ts';
import type { OpenedVersion, VersionHistory } from './useVersionHistory.ts';

const ZOOMS = [1, 1.5, 2, 3] as const;

/** Draws an SVG document (our own renderer's output) into `host`, parsed — never as HTML. */
function useSvgPicture(svg: string) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
    element.replaceChildren(document.importNode(parsed, true));
  }, [svg]);
  return host;
}

function cardName(board: BoardSnapshot, id: string, untitled: string): string {
  return board.cards.find((card) => card.id === id)?.title.trim() || untitled;
}

export function VersionView({
  history,
  opened,
  readModel,
  boardLanguage,
}: {
  history: VersionHistory;
  opened: OpenedVersion;
  readModel: BoardReadModel;
  boardLanguage: Language;
}) {
  const { t, language } = useI18n();
  const [tab, setTab] = useState<'board' | 'changes'>('board');
  const [zoom, setZoom] = useState<(typeof ZOOMS)[number]>(1);
  const { version, board } = opened;
  // Every change of the live board (a drag too) updates the comparison.
  const liveVersion = useBoardVersion(readModel);
  const live = useMemo(() => {
    void liveVersion;
    return readModel.snapshot();
  }, [readModel, liveVersion]);
  const diff = useMemo(() => diffBoards(board, live), [board, live]);
  const validation = useMemo(
    () => ({ findings: validateBoard(board), score: alignmentScore(board) }),
    [board],
  );
  const picture = useMemo(() => diffPicture(board, diff), [board, diff]);
  const svg = useMemo(
    () =>
      renderBoardSvg(
        tab === 'changes'
          ? { board: picture.board, findings: [], language: boardLanguage, marks: picture.marks }
          : { board, findings: validation.findings, language: boardLanguage, marks: new Map() },
      ),
    [tab, picture, board, validation.findings, boardLanguage],
  );
  const host = useSvgPicture(svg);
  const untitled = t('card.untitled');
  const labels = LANE_LABELS[boardLanguage];
  const time = formatVersionTime(version.createdAt, language);
  const stem = `${fileStem(board.meta.title)}-version-${version.id}`;

  const describeTarget = (finding: Finding) => {
    if (finding.target.kind === 'card') return cardName(board, finding.target.id, untitled);
    const link = board.links.find((candidate) => candidate.id === finding.target.id);
    return link
      ? `${cardName(board, link.from, untitled)} → ${cardName(board, link.to, untitled)}`
      : t('link.broken');
  };
  const showCard = (cardId: string) => {
    const element = host.current?.querySelector(`[data-card-id="${CSS.escape(cardId)}"]`);
    element?.scrollIntoView({ block: 'center', inline: 'center', behavior: 'smooth' });
  };

  return (
    <section
      className="ft-version-view"
      data-version-id={version.id}
      data-tab={tab}
      aria-label={t('version.title', { time })}
    >
      <header className="ft-version-view__header">
        <div className="ft-version-view__title">
          <h2>{t('version.title', { time })}</h2>
          <p>
            <span className="ft-version-view__label">{versionLabel(version, t)}</span> ·{' '}
            {t('version.readOnly')}
          </p>
        </div>
        <div className="ft-version-view__tabs" role="tablist">
          {(['board', 'changes'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              className="ft-button ft-version-view__tab"
              data-tab={name}
              onClick={() => setTab(name)}
            >
              {name === 'board' ? t('version.tabBoard') : t('version.tabChanges')}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="ft-button ft-version-view__close"
          onClick={history.closeVersion}
        >
          {t('version.close')}
        </button>
      </header>
      <div className="ft-version-view__body">
        <div className="ft-version-view__stage">
          <div className="ft-version-view__zoom">
            <button
              type="button"
              className="ft-button"
              aria-label={t('version.zoomOut')}
              disabled={zoom === ZOOMS[0]}
              onClick={() => setZoom(ZOOMS[Math.max(0, ZOOMS.indexOf(zoom) - 1)]!)}
            >
              −
            </button>
            <button
              type="button"
              className="ft-button"
              aria-label={t('version.zoomIn')}
              disabled={zoom === ZOOMS[ZOOMS.length - 1]}
              onClick={() => setZoom(ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(zoom) + 1)]!)}
            >
              +
            </button>
            {tab === 'changes' ? (
              <span className="ft-diff__legend">
                <span className="ft-diff__swatch ft-diff__swatch--added">+</span>{' '}
                {t('diff.legendAdded')}{' '}
                <span className="ft-diff__swatch ft-diff__swatch--removed">−</span>{' '}
                {t('diff.legendRemoved')}{' '}
                <span className="ft-diff__swatch ft-diff__swatch--changed">~</span>{' '}
                {t('diff.legendChanged')}
              </span>
            ) : null}
          </div>
          <div className="ft-version-view__scroll">
            <div
              ref={host}
              className="ft-version-view__picture"
              style={{ width: `${zoom * 100}%` }}
            />
          </div>
        </div>
        <aside className="ft-side ft-version-view__side">
          <ScoreBadge score={validation.score} />
          {tab === 'board' ? (
            <FindingsPanel
              findings={validation.findings}
              language={boardLanguage}
              describeTarget={describeTarget}
              onSelect={(finding) => {
                if (finding.target.kind === 'card') showCard(finding.target.id);
              }}
            />
          ) : (
            <ChangesList
              history={history}
              opened={opened}
              diff={diff}
              laneLabel={(lane) => labels[lane]}
              onShow={showCard}
            />
          )}
          <div className="ft-version-view__actions">
            <button
              type="button"
              className="ft-button ft-version-view__export-json"
              onClick={() =>
                download(
                  `${stem}.json`,
                  `${JSON.stringify(opened.file, null, 2)}\n`,
                  'application/json',
                )
              }
            >
              {t('version.exportJson')}
            </button>
            <button
              type="button"
              className="ft-button ft-version-view__export-report"
              onClick={() =>
                download(
                  `${stem}-report.md`,
                  buildStrategyReport({
                    board,
                    findings: validation.findings,
                    score: validation.score,
                    language: boardLanguage,
                    date: new Date(version.createdAt),
                  }),
                  'text/markdown',
                )
              }
            >
              {t('version.exportReport')}
            </button>
            {history.canRestore ? (
              <button
                type="button"
                className="ft-button ft-button--primary ft-version-view__restore"
                disabled={history.working}
                onClick={() => history.askRestore(version)}
              >
                {t('history.restore')}
              </button>
            ) : null}
          </div>
        </aside>
      </div>
    </section>
  );
}

function ChangesList({
  history,
  opened,
  diff,
  laneLabel,
  onShow,
}: {
  history: VersionHistory;
  opened: OpenedVersion;
  diff: ReturnType<typeof diffBoards>;
  laneLabel(lane: (typeof opened.board.cards)[number]['lane']): string;
  onShow(cardId: string): void;
}) {
  const { t } = useI18n();
  const restoreButton = (cardId: string, title: string) =>
    history.canRestore ? (
      <button
        type="button"
        className="ft-button ft-diff__restore-card"
        disabled={history.working}
        onClick={() => history.restoreCard(opened.version, cardId, title)}
      >
        {t('diff.restoreCard')}
      </button>
    ) : null;
  const empty =
    diff.added.length + diff.removed.length + diff.changed.length === 0 &&
    diff.linksAdded.length + diff.linksRemoved.length === 0;
  return (
    <section className="ft-diff" aria-label={t('version.tabChanges')}>
      {empty ? <p className="ft-diff__none">{t('diff.none')}</p> : null}
      {diff.removed.length > 0 ? (
        <>
          <h3>{t('diff.removed', { count: diff.removed.length })}</h3>
          <ul>
            {diff.removed.map((card) => (
              <DiffRow
                key={card.id}
                cardId={card.id}
                change="removed"
                title={card.title}
                detail={laneLabel(card.lane)}
                onShow={onShow}
                restore={restoreButton}
              />
            ))}
          </ul>
        </>
      ) : null}
      {diff.changed.length > 0 ? (
        <>
          <h3>{t('diff.changed', { count: diff.changed.length })}</h3>
          <ul>
            {diff.changed.map((change) => (
              <DiffRow
                key={change.id}
                cardId={change.id}
                change="changed"
                title={change.before.title}
                detail={
                  change.fields.includes('lane')
                    ? t('diff.moved', {
                        from: laneLabel(change.before.lane),
                        to: laneLabel(change.after.lane),
                      })
                    : t('diff.fields', {
                        fields: changedCardFields(change.before, change.after)
                          .map((field) => t(`activity.field.${field}` as Parameters<typeof t>[0]))
                          .join(', '),
                      })
                }
                onShow={onShow}
                restore={restoreButton}
              />
            ))}
          </ul>
        </>
      ) : null}
      {diff.added.length > 0 ? (
        <>
          <h3>{t('diff.added', { count: diff.added.length })}</h3>
          <ul>
            {diff.added.map((card) => (
              <DiffRow
                key={card.id}
                cardId={card.id}
                change="added"
                title={card.title}
                detail={laneLabel(card.lane)}
                onShow={onShow}
              />
            ))}
          </ul>
        </>
      ) : null}
      {diff.linksAdded.length + diff.linksRemoved.length > 0 ? (
        <p className="ft-diff__links">
          {t('diff.links', { added: diff.linksAdded.length, removed: diff.linksRemoved.length })}
        </p>
      ) : null}
    </section>
  );
}

/** One card of the changes list: its name (shows it on the picture), what changed, restore. */
function DiffRow(props: {
  cardId: string;
  change: 'added' | 'removed' | 'changed';
  title: string;
  detail: string;
  onShow(cardId: string): void;
  restore?: (cardId: string, title: string) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <li className="ft-diff__card" data-card-id={props.cardId} data-change={props.change}>
      <button type="button" className="ft-diff__name" onClick={() => props.onShow(props.cardId)}>
        {props.title.trim() || t('card.untitled')}
      </button>
      <span className="ft-diff__detail">{props.detail}</span>
      {props.restore?.(props.cardId, props.title)}
    </li>
  );
}

/** "Restore the board to this version?" — what will change, that others' work is kept. */
export function RestoreDialog({ history }: { history: VersionHistory }) {
  const { t, language } = useI18n();
  const pending = history.pendingRestore;
  if (!pending) return null;
  return (
    <div className="ft-dialog-backdrop">
      <div
        className="ft-dialog ft-restore-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="ft-restore-dialog-title"
        aria-describedby="ft-restore-dialog-text"
        data-version-id={pending.version.id}
      >
        <h2 id="ft-restore-dialog-title">{t('restore.confirmTitle')}</h2>
        <div id="ft-restore-dialog-text">
          <p className="ft-restore-dialog__version">
            {versionLabel(pending.version, t)} —{' '}
            {formatVersionTime(pending.version.createdAt, language)}
          </p>
          <ul className="ft-restore-dialog__preview">
            {pending.preview.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="ft-restore-dialog__others">{t('restore.keepsOthers')}</p>
        </div>
        <div className="ft-dialog__actions">
          <button
            type="button"
            className="ft-button ft-restore-dialog__cancel"
            // biome-ignore lint/a11y/noAutofocus: the safe answer takes the focus in a question that changes the board for everyone
            autoFocus
            onClick={history.cancelRestore}
            onKeyDown={(event) => {
              if (event.key === 'Escape') history.cancelRestore();
            }}
          >
            {t('restore.cancel')}
          </button>
          <button
            type="button"
            className="ft-button ft-button--danger ft-restore-dialog__confirm"
            disabled={history.working}
            onClick={history.confirmRestore}
          >
            {history.working ? t('restore.working') : t('restore.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
