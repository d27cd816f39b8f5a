import { LANE_LABELS } from '@fire-triangle/shared';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { BoardReadModel } from '../sync/boardReadModel.ts';
import { useBoardContext } from './BoardContext.ts';
import { searchCards } from './search.ts';

/** How long the query must rest before the view moves to the first result (ms). */
const SETTLE_MS = 300;

export interface SearchBarProps {
  readModel: BoardReadModel;
  /** Bumped when card text may have changed (the read model's structure version). */
  structureVersion: number;
  /** Selects a result and brings it into view at a readable zoom. */
  onShow(id: string): void;
  onClose(): void;
}

/**
 * Find cards by their text (Ctrl/⌘+F): every matching card is highlighted on the canvas (the
 * others dimmed), the current one selected and zoomed to; Enter and Shift+Enter step through
 * the results in reading order; the list names each result with its lane.
 */
export function SearchBar({ readModel, structureVersion, onShow, onClose }: SearchBarProps) {
  const { t, ui, boardLanguage } = useBoardContext();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const results = useMemo(() => {
    void structureVersion;
    return searchCards(readModel.cardList(), query);
  }, [readModel, query, structureVersion]);
  const current = results.length > 0 ? results[Math.min(index, results.length - 1)]! : null;

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  useEffect(() => {
    ui.getState().setSearchMatches(
      new Set(results.map((result) => result.id)),
      current?.id ?? null,
    );
  }, [ui, results, current]);
  // The view follows the query once it rests: the first result, selected and zoomed to.
  const firstId = results[0]?.id ?? null;
  useEffect(() => {
    if (!firstId) return;
    const timer = setTimeout(() => onShow(firstId), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [firstId, onShow]);

  const step = (by: 1 | -1) => {
    if (results.length === 0) return;
    const next = (Math.min(index, results.length - 1) + by + results.length) % results.length;
    setIndex(next);
    onShow(results[next]!.id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    }
  };
  const position = current ? results.indexOf(current) + 1 : 0;

  return (
    <search className="ft-search nodrag nopan nowheel" aria-label={t('search.label')}>
      <div className="ft-search__bar">
        <input
          ref={input}
          className="ft-search__input"
          type="search"
          value={query}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          aria-controls="ft-search-results"
          onChange={(event) => {
            setQuery(event.target.value);
            setIndex(0);
          }}
          onKeyDown={onKeyDown}
        />
        <output className="ft-search__count" aria-live="polite" data-count={results.length}>
          {query.trim() === ''
            ? ''
            : results.length === 0
              ? t('search.none')
              : t('search.count', { current: position, count: results.length })}
        </output>
        <button
          type="button"
          className="ft-button ft-search__previous"
          aria-label={t('search.previous')}
          title={`${t('search.previous')} (Shift+Enter)`}
          disabled={results.length === 0}
          onClick={() => step(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="ft-button ft-search__next"
          aria-label={t('search.next')}
          title={`${t('search.next')} (Enter)`}
          disabled={results.length === 0}
          onClick={() => step(1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="ft-button ft-search__close"
          aria-label={t('search.close')}
          title={`${t('search.close')} (Esc)`}
          onClick={onClose}
        >
          ×
        </button>
      </div>
      {results.length > 0 ? (
        <ul className="ft-search__results" id="ft-search-results">
          {results.map((result, resultIndex) => {
            const card = readModel.card(result.id);
            if (!card) return null;
            return (
              <li key={result.id}>
                <button
                  type="button"
                  className={`ft-search__result${result === current ? ' ft-search__result--current' : ''}`}
                  data-card-id={result.id}
                  aria-current={result === current ? 'true' : undefined}
                  onClick={() => {
                    setIndex(resultIndex);
                    onShow(result.id);
                  }}
                >
                  <span className={`ft-lane-chip ft-lane-chip--${card.lane}`}>
                    {LANE_LABELS[boardLanguage][card.lane]}
                  </span>
                  <span className="ft-search__result-title">
                    {card.title.trim() || t('card.untitled')}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </search>
  );
}
