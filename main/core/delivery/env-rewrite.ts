// Sets one variable in the text of a .env file and leaves every other byte as the user wrote it.
// Reading is dotenv's own `parse`; finding the line to change uses dotenv's line pattern with extra
// capture groups (node_modules/dotenv/lib/main.js, LINE), so "which line defines NAME" is decided
// exactly as the app that reads the file decides it. The result is parsed again before it is
// returned: unless it reads back as before with only NAME changed, nothing is written.
import { parse } from 'dotenv';

import { AppError } from '../../../common/errors.js';

// dotenv 16's LINE, with groups around the prefix (blank space, `export `) and the separator so the
// value's position is known. Groups change what is captured, never what matches.
const LINE =
  /(?:^|^)(\s*(?:export\s+)?)([\w.-]+)(\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

/** A variable name as dotenv reads one. */
export const ENV_NAME = /^[\w.-]+$/;

/** Values that dotenv reads back unchanged without quotes. */
const BARE = /^[\w\-./+:@%,~]+$/;

export interface EnvRewrite {
  text: string;
  /** True when NAME was not in the file and was added at the end. */
  appended: boolean;
}

function unwritable(name: string, why: string): AppError {
  return new AppError('precondition_failed', `${name} cannot be written to this file: ${why}.`, {
    name,
  });
}

/**
 * `value` as it must appear after `NAME=` for dotenv to read it back unchanged: bare when it can
 * be, else in the first kind of quotes that dotenv does not alter for this value.
 */
export function quoteEnvValue(value: string, name = 'The value'): string {
  if (BARE.test(value)) return value;
  const multiLine = /[\r\n]/.test(value);
  if (!value.includes("'") && !multiLine) return `'${value}'`;
  // In double quotes dotenv turns \n and \r into line breaks, so a value may not hold them as text.
  if (!value.includes('"') && !/\\[nr]/.test(value)) {
    return `"${value.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
  }
  if (!value.includes('`') && !multiLine) return `\`${value}\``;
  throw unwritable(name, 'its value holds quote characters that dotenv cannot read back');
}

interface Definition {
  /** Where the value (quotes included, blank space around it excluded) starts and ends. */
  start: number;
  end: number;
}

function definitionsOf(text: string, name: string): Definition[] {
  const found: Definition[] = [];
  for (const match of text.matchAll(LINE)) {
    if (match[2] !== name) continue;
    const separatorEnd = match.indices?.[3]?.[1];
    if (separatorEnd === undefined) continue;
    const raw = match[4] ?? '';
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    // An empty value gets the new one right after `=`, before any space and comment that follow.
    const start = trimmed === '' ? separatorEnd : separatorEnd + lead;
    found.push({ start, end: start + trimmed.length });
  }
  return found;
}

function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function append(text: string, line: string): string {
  if (text === '') return `${line}\n`;
  const br = lineBreakOf(text);
  // A file that ended without a line break still does, after the new last line.
  return /[\r\n]$/.test(text) ? `${text}${line}${br}` : `${text}${br}${line}`;
}

function sameRecords(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

/**
 * The text of a .env file with NAME set to `value`: in place when NAME is defined once (the
 * `export ` prefix, blank space and a trailing comment stay), appended when it is missing. Refuses
 * a name defined twice, since the apps would read only the last one.
 */
export function setEnvVariable(text: string, name: string, value: string): EnvRewrite {
  if (!ENV_NAME.test(name)) throw unwritable(name, 'it is not a valid variable name');
  const quoted = quoteEnvValue(value, name);
  const definitions = definitionsOf(text, name);
  if (definitions.length > 1) {
    throw new AppError(
      'conflict',
      `${name} is defined ${String(definitions.length)} times in this file; remove all but one, then deliver again.`,
      { name, count: definitions.length },
    );
  }
  const [only] = definitions;
  const result =
    only === undefined
      ? { text: append(text, `${name}=${quoted}`), appended: true }
      : { text: text.slice(0, only.start) + quoted + text.slice(only.end), appended: false };
  if (!sameRecords(parse(result.text), { ...parse(text), [name]: value })) {
    throw unwritable(name, 'the file would not read back the same way with only it changed');
  }
  return result;
}
