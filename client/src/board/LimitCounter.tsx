import { useI18n } from '../i18n/I18nProvider.tsx';
import { limitLevel } from './textLimit.ts';

/**
 * "480 / 500" under a text field once it nears its limit (`COUNTER_FROM`), red at the limit;
 * nothing before. Announced politely to screen readers.
 */
export function LimitCounter({ count, max }: { count: number; max: number }) {
  const { t } = useI18n();
  const level = limitLevel(count, max);
  if (level === 'far') return null;
  return (
    <output
      className={`ft-limit ft-limit--${level}`}
      data-count={count}
      data-max={max}
      aria-live="polite"
      title={t('limit.near', { left: Math.max(0, max - count) })}
    >
      {t('limit.counter', { count, max })}
    </output>
  );
}
