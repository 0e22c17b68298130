// SECURITY.md links each promise to the test that proves it; this keeps those links real: the file
// must exist, and every test name quoted after a link must be a test (or suite) title in that file.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { namedTests, testTitles } from './test-names.js';

const root = resolve(import.meta.dirname, '../..');
const text = readFileSync(join(root, 'SECURITY.md'), 'utf8');

/** The rows of the threat model's tables: one promise each, with the tests that prove it. */
function promisesOf(markdown: string): string[] {
  const threatModel = /^## Threat model$([\s\S]*?)^## /m.exec(markdown)?.[1] ?? '';
  return threatModel
    .split('\n')
    .filter((line) => line.startsWith('| ') && !/^\| (The vault promises|---)/.test(line));
}

describe('SECURITY.md', () => {
  it('links only to files that exist', () => {
    const targets = [...text.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1] ?? '');
    expect(targets.length).toBeGreaterThan(10);
    expect(targets.filter((t) => !existsSync(join(root, t)))).toEqual([]);
  });

  it('gives every promise of the threat model a test, or says that it is pending', () => {
    const promises = promisesOf(text);
    expect(promises.length).toBeGreaterThan(40);
    const unproven = promises.filter(
      (p) => !/\]\([^)]+\.(test|spec)\.tsx?\)/.test(p) && !p.includes('(test: pending)'),
    );
    expect(unproven).toEqual([]);
  });

  it('names only tests that exist in the linked file', () => {
    const named = namedTests(text);
    expect(named.length).toBeGreaterThan(100);
    const titlesByFile = new Map<string, string[]>();
    const missing = named.filter(({ file, name }) => {
      const path = join(root, file);
      if (!existsSync(path)) return true;
      let titles = titlesByFile.get(file);
      if (titles === undefined) {
        titles = testTitles(readFileSync(path, 'utf8'));
        titlesByFile.set(file, titles);
      }
      const prefix = name.endsWith('…') ? name.slice(0, -1) : undefined;
      return !titles.some((t) => (prefix === undefined ? t === name : t.startsWith(prefix)));
    });
    expect(missing).toEqual([]);
  });

  it('quotes, for every promise with a test, the name of at least one test', () => {
    const unnamed = promisesOf(text).filter(
      (p) => !p.includes('(test: pending)') && namedTests(p).length === 0,
    );
    expect(unnamed).toEqual([]);
  });
});
