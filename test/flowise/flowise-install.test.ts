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

function fakeInstall(version: string, withBinding: boolean, components = version): string {
  const dir = scratch();
  for (const [name, v] of [
    ['flowise', version],
    ['flowise-components', components],
  ] as const) {
    mkdirSync(join(dir, 'node_modules', name), { recursive: true });
    writeFileSync(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ version: v }));
  }
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

  it('follows FKV_FLOWISE_VERSION', () => {
    vi.stubEnv('FKV_FLOWISE_CACHE', '');
    vi.stubEnv('FKV_FLOWISE_VERSION', '2.2.8');
    expect(installDir()).toBe(join(homedir(), '.cache', 'flowise-key-vault', 'flowise-2.2.8'));
  });

  it('is in FKV_FLOWISE_CACHE when set, one folder per version; an explicit folder wins', () => {
    vi.stubEnv('FKV_FLOWISE_CACHE', '/srv/flowise');
    expect(installDir({ version: '3.0.12' })).toBe('/srv/flowise/flowise-3.0.12');
    expect(installDir({ version: '2.2.8' })).toBe('/srv/flowise/flowise-2.2.8');
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

  it('refuses flowise-components of another version, which npm picks for 3.0.12 unless pinned', () => {
    expect(() => isInstalled(fakeInstall('3.0.12', true, '3.1.4'), '3.0.12')).toThrow(
      /flowise-components 3\.1\.4/,
    );
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
