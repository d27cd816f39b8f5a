import { pino } from 'pino';
import type { LogLevel } from './config.ts';

export type Logger = pino.Logger;

/** Structured JSON logs on stdout (pipe through `pino-pretty` to read them by eye). */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'fire-triangle' } });
}

/** A service URL fit for logs and messages: its password, if any, replaced by `***`. */
export function withoutPassword(url: string, fallback: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return fallback;
  }
}
