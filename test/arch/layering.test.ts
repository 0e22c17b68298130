// The layering rules of README.md ("Layout"), checked on import specifiers so that no lint override can
// hide a violation: only main/shell and preload touch Electron.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const SPECIFIER =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|tsx)$/.test(name))
    .map((name) => join(dir, name));
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

function violations(
  dirs: string[],
  banned: (specifier: string, file: string) => boolean,
): string[] {
  return dirs.flatMap((dir) =>
    sourceFiles(dir).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => banned(specifier, file))
        .map((specifier) => `${file} imports ${specifier}`),
    ),
  );
}

const isElectron = (s: string): boolean => s === 'electron' || s.startsWith('electron/');
const target = (s: string, file: string): string => relative(root, resolve(root, file, '..', s));
/** Test helpers live in folders named testing; they, like test files, are not product code. */
const inTesting = (path: string): boolean => path.split(sep).includes('testing');
const isTestCode = (file: string): boolean => file.includes('.test.') || inTesting(file);

describe('layering', () => {
  it('finds the files it checks', () => {
    expect(sourceFiles('main/core').length).toBeGreaterThan(5);
    expect(sourceFiles('common').length).toBeGreaterThan(3);
    expect(sourceFiles('renderer').length).toBeGreaterThan(3);
  });

  it('keeps electron out of main/core, main/cli, common and renderer', () => {
    expect(violations(['main/core', 'main/cli', 'common', 'renderer'], isElectron)).toEqual([]);
  });

  it('lets main/cli import only common, main/core, its own files and packages', () => {
    expect(sourceFiles('main/cli').length).toBeGreaterThan(3);
    const allowed = ['common', join('main', 'core'), join('main', 'cli')];
    const banned = (s: string, file: string): boolean =>
      s.startsWith('.') && !allowed.some((dir) => target(s, file).startsWith(dir));
    expect(violations(['main/cli'], banned)).toEqual([]);
    expect(violations(['main/cli'], (s) => s === 'react' || s.startsWith('react-dom'))).toEqual([]);
  });

  it('keeps node built-ins and main out of the renderer, but for its testing helpers', () => {
    const banned = (s: string, file: string): boolean =>
      !inTesting(file) && (s.startsWith('node:') || target(s, file).startsWith('main'));
    expect(violations(['renderer'], banned)).toEqual([]);
  });

  it('keeps test code out of product code', () => {
    const banned = (s: string, file: string): boolean =>
      !isTestCode(file) && target(s, file).startsWith('test');
    expect(violations(['main', 'common', 'renderer', 'preload'], banned)).toEqual([]);
  });

  it('keeps every testing folder out of product code', () => {
    const banned = (s: string, file: string): boolean =>
      !isTestCode(file) && s.startsWith('.') && inTesting(target(s, file));
    expect(violations(['main', 'common', 'renderer', 'preload'], banned)).toEqual([]);
  });

  it('sees a product file that imports a testing folder', () => {
    expect(inTesting(target('../testing/test-core.js', 'renderer/stores/x.ts'))).toBe(true);
    expect(isTestCode(join('renderer', 'testing', 'test-core.ts'))).toBe(true);
    expect(isTestCode(join('renderer', 'stores', 'x.ts'))).toBe(false);
  });

  it('lets the preload import only electron and common/ipc', () => {
    const banned = (s: string, file: string): boolean =>
      !isElectron(s) &&
      !file.includes('.test.') &&
      !relative(root, resolve(root, file, '..', s)).startsWith(join('common', 'ipc'));
    expect(violations(['preload'], banned)).toEqual([]);
  });
});
