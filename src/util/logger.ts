// pino: NDJSON to output/logs/ for the record, readable lines on stderr for a person. Fields
// first, message second; a child logger per site carries the site's URL on every line.
import pino, { type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { showControlChars } from './control-chars.js';

export type { Logger };

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

export interface LoggerOptions {
  /** @default 'info' */
  level?: string;
  /** Folder for NDJSON files; none when undefined. */
  logDir?: string;
  /** Human lines on stderr. @default true */
  terminal?: boolean;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  const streams: pino.StreamEntry[] = [];
  if (opts.logDir) {
    mkdirSync(opts.logDir, { recursive: true });
    const file = join(opts.logDir, `govbench-${new Date().toISOString().slice(0, 10)}.ndjson`);
    // Asynchronous writes keep logging off the crawl's hot path; flushed on exit by pino.
    streams.push({ level: 'trace', stream: pino.destination({ dest: file, sync: false, mkdir: true }) });
  }
  if (opts.terminal !== false) {
    // The record's strings (a reason, an error quoting a site list) can hold control and bidi
    // characters; they are shown as escapes before the line is made, so pretty's own colours stay.
    const prettify = prettyFactory({ colorize: process.stderr.isTTY, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss', singleLine: true });
    streams.push({ level: 'trace', stream: { write: (line: string) => { process.stderr.write(prettify(shownStrings(JSON.parse(line)))); } } });
  }
  if (streams.length === 0) return pino({ level: 'silent' });
  return pino({ level, base: undefined }, pino.multistream(streams));
}

export const silentLogger: Logger = pino({ level: 'silent' });

function shownStrings(value: unknown): unknown {
  if (typeof value === 'string') return showControlChars(value);
  if (Array.isArray(value)) return value.map(shownStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shownStrings(v)]));
  return value;
}
