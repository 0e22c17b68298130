import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createNodeVaultFileStore, openNodeVaultFileStore } from './node-file-store.js';
import type { WriteStep } from './node-file-store.js';

const posix = process.platform !== 'win32';
const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;
const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fkv-store-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('createNodeVaultFileStore', () => {
  it('creates the folder 0700 and the file 0600, named vault.fkv by default', async () => {
    const dir = join(root, 'nested', 'data');
    const store = createNodeVaultFileStore(dir);
    expect(store.path).toBe(join(dir, 'vault.fkv'));
    expect(store.backupPath).toBe(join(dir, 'vault.fkv.bak'));
    expect(await store.read()).toBeNull();
    await store.write(bytes('one'));
    expect(Buffer.from((await store.read())!).toString()).toBe('one');
    if (posix) {
      expect(await modeOf(dir)).toBe(0o700);
      expect(await modeOf(store.path)).toBe(0o600);
    }
  });

  it('keeps the previous generation as .bak, also 0600, and leaves no temp files', async () => {
    const store = createNodeVaultFileStore(root, 'v.fkv');
    await store.write(bytes('one'));
    expect(await store.readBackup()).toBeNull();
    await store.write(bytes('two'));
    await store.write(bytes('three'));
    expect(Buffer.from((await store.read())!).toString()).toBe('three');
    expect(Buffer.from((await store.readBackup())!).toString()).toBe('two');
    if (posix) {
      expect(await modeOf(store.path)).toBe(0o600);
      expect(await modeOf(store.backupPath)).toBe(0o600);
    }
    expect((await readdir(root)).sort()).toEqual(['v.fkv', 'v.fkv.bak']);
  });

  it('replaces a stale temp file with an owner-only one', async () => {
    const store = createNodeVaultFileStore(root);
    await writeFile(`${store.path}.tmp`, 'stale', { mode: 0o644 });
    await store.write(bytes('fresh'));
    expect(Buffer.from((await store.read())!).toString()).toBe('fresh');
    if (posix) expect(await modeOf(store.path)).toBe(0o600);
  });

  it('restores the backup, keeping the damaged file under a dated name', async () => {
    const store = createNodeVaultFileStore(root);
    await expect(store.restoreBackup()).rejects.toMatchObject({ code: 'no_backup' });
    await store.write(bytes('good'));
    await store.write(bytes('damaged'));
    const damagedPath = await store.restoreBackup();
    expect(damagedPath).toMatch(/vault\.fkv\.damaged-\d{4}-\d\d-\d\dT/);
    expect(await readFile(damagedPath, 'utf8')).toBe('damaged');
    expect(Buffer.from((await store.read())!).toString()).toBe('good');
    expect(Buffer.from((await store.readBackup())!).toString()).toBe('good');
    if (posix) expect(await modeOf(store.path)).toBe(0o600);
    const second = await store.restoreBackup();
    expect(second).not.toBe(damagedPath);
  });

  describe('a crash between steps never leaves the temp file as the only copy', () => {
    const steps: WriteStep[] = [
      'tmp-written',
      'tmp-synced',
      'backup-kept',
      'renamed',
      'dir-synced',
    ];
    for (const crashAt of steps) {
      it(`crash at ${crashAt}`, async () => {
        await createNodeVaultFileStore(root).write(bytes('old'));
        const crashing = openNodeVaultFileStore({
          dir: root,
          onStep: (step) => {
            if (step === crashAt) throw new Error(`crash at ${step}`);
          },
        });
        await expect(crashing.write(bytes('new'))).rejects.toThrow(crashAt);
        const after = createNodeVaultFileStore(root);
        const text = Buffer.from((await after.read())!).toString();
        const committed = crashAt === 'renamed' || crashAt === 'dir-synced';
        expect(text).toBe(committed ? 'new' : 'old');
        const backup = await after.readBackup();
        const backedUp = crashAt !== 'tmp-written' && crashAt !== 'tmp-synced';
        expect(backup === null ? null : Buffer.from(backup).toString()).toBe(
          backedUp ? 'old' : null,
        );
        // The next save recovers whatever the crash left behind.
        await after.write(bytes('next'));
        expect(Buffer.from((await after.read())!).toString()).toBe('next');
        expect((await readdir(root)).sort()).toEqual(['vault.fkv', 'vault.fkv.bak']);
      });
    }
  });
});

describe('leftovers of a missing vault', () => {
  it('lists the backup and damaged copies next to a missing file and moves them into a dated folder, never deleting one', async () => {
    const store = createNodeVaultFileStore(root);
    expect(await store.leftovers()).toEqual([]);
    await store.write(bytes('one'));
    await store.write(bytes('two'));
    await store.write(bytes('three'));
    await store.restoreBackup();
    await rm(store.path);
    const found = await store.leftovers();
    expect(found).toHaveLength(2);
    expect(found).toContain(store.backupPath);
    expect(found.some((p) => p.startsWith(`${store.path}.damaged-`))).toBe(true);

    const folder = await store.setAsideLeftovers();
    expect(folder).toMatch(/set-aside-\d{4}-\d\d-\d\dT/);
    expect(await store.leftovers()).toEqual([]);
    const moved = (await readdir(folder)).sort();
    expect(moved[0]).toBe('vault.fkv.bak');
    expect(moved[1]).toMatch(/^vault\.fkv\.damaged-/);
    expect(await readFile(join(folder, 'vault.fkv.bak'), 'utf8')).toBe('two');
    expect(await readFile(join(folder, moved[1]!), 'utf8')).toBe('three');
    expect(await store.setAsideLeftovers()).toBe('');
  });
});
