// The app's Logger: JSON lines in <userData>/logs/main.log, readable by the user only. It writes
// the message and the scalar fields it is given, nothing else: no objects, no errors, no arguments.
import { appendFileSync, chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import type { LogFields, Logger } from '../core/ports.js';

const MAX_TEXT = 500;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** Drops anything that is not a string, number or boolean, even if a cast let it through. */
export function scalarFields(fields: LogFields | undefined): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields ?? {}) as [string, unknown][]) {
    if (typeof value === 'string') out[key] = clip(value);
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}

export function createFileLogger(file: string, now: () => Date = () => new Date()): Logger {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // The mode of appendFileSync applies only when it creates the file; tighten an older one.
  if (existsSync(file)) chmodSync(file, 0o600);

  const write = (level: 'info' | 'warn' | 'error', message: string, fields?: LogFields): void => {
    const line = {
      time: now().toISOString(),
      level,
      // Typed as a string, but a cast could pass anything; never serialise an object here.
      message: typeof message === 'string' ? clip(message) : '(non-text message dropped)',
      fields: scalarFields(fields),
    };
    try {
      appendFileSync(file, `${JSON.stringify(line)}\n`, { mode: 0o600 });
    } catch {
      // A full disk must not take the vault down with it.
    }
  };
  return {
    info: (message, fields) => {
      write('info', message, fields);
    },
    warn: (message, fields) => {
      write('warn', message, fields);
    },
    error: (message, fields) => {
      write('error', message, fields);
    },
  };
}
