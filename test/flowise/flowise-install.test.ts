import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import { installDir, installFlowise, isInstalled } from './flowise-install.js';

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fkv-install-'));
  dirs.push(dir);
  return dir;
}

function fakeInstall(version: string, withBinding: boolean): string {
  const dir = scratch();
  mkdirSync(join(dir, 'node_modules', 'flowise'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'flowise', 'package.json'), JSON.stringify({ version }));
  const release = join(dir, 'node_modules', 'sqlite3', 'build', 'Release');
  mkdirSync(release, { recursive: true });
  if (withBinding) writeFileSync(join(release, 'node_sqlite3.node'), '');
  return dir;
}

afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the install folder', () => {
  it('lives in the user cache, outside the clone, one folder per version', () => {
    vi.stubEnv('FKV_FLOWISE_CACHE', '');
    vi.stubEnv('FKV_FLOWISE_VERSION', '');
    expect(installDir({ version: '9.9.9' })).toBe(
      join(homedir(), '.cache', 'flowise-key-vault', 'flowise-9.9.9'),
    );
  });

  it('is FKV_FLOWISE_CACHE when set, and an explicit folder wins over both', () => {
    vi.stubEnv('FKV_FLOWISE_CACHE', '/srv/flowise');
    expect(installDir()).toBe('/srv/flowise');
    expect(installDir({ dir: '/elsewhere' })).toBe('/elsewhere');
  });
});

describe('isInstalled', () => {
  it('accepts a finished install (the sqlite3 binding is the last step)', () => {
    expect(isInstalled(fakeInstall('3.1.4', true), '3.1.4')).toBe(true);
  });

  it('treats an install without the sqlite3 binding as unfinished', () => {
    expect(isInstalled(fakeInstall('3.1.4', false), '3.1.4')).toBe(false);
  });

  it('treats an empty folder as not installed', () => {
    expect(isInstalled(scratch(), '3.1.4')).toBe(false);
  });

  it('refuses a folder holding another version rather than installing over it', () => {
    expect(() => isInstalled(fakeInstall('3.0.0', true), '3.1.4')).toThrow(/holds flowise 3\.0\.0/);
  });
});

describe('installFlowise', () => {
  it('does nothing but report where a finished install is', async () => {
    const dir = fakeInstall('3.1.4', true);
    const log = vi.fn();
    const install = await installFlowise({ dir, version: '3.1.4', log });
    expect(install.bin).toBe(join(dir, 'node_modules', 'flowise', 'bin', 'run'));
    expect(log).not.toHaveBeenCalled();
  });
});
