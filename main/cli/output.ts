// What fkv prints: JSON on stdout for machines, or an aligned table for people. Only metadata ever
// goes through here (masked keys, fingerprints, names); the one reveal writes on its own.
import { formatDay } from '../../common/key-list.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Columns padded to their widest cell; the last one is left ragged. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  if (rows.length === 0) return;
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  process.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
}

export function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Notes and progress go to stderr, so stdout stays what a script reads. */
export function note(text: string): void {
  process.stderr.write(`${text}\n`);
}

export const day = (ms: number | undefined): string => (ms === undefined ? '' : formatDay(ms));
