// The end of a server or install log, for error messages: enough to see why, short enough to read,
// and scrubbed of the secrets the caller knows about.
import { readFileSync } from 'node:fs';

export function tailOf(file: string, secrets: readonly string[] = [], lines = 30): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return '(no log was written)';
  }
  const tail = text.trimEnd().split('\n').slice(-lines).join('\n');
  return secrets.filter((s) => s !== '').reduce((acc, s) => acc.replaceAll(s, '[redacted]'), tail);
}
