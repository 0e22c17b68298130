// The inter-process lock on the vault file (file-lock.ts), through the node file store: two stores
// over one folder stand for two processes (proper-lockfile's lock is a folder on disk).
import { mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openNodeVaultFileStore } from './node-file-store.js';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const text = (data: Uint8Array | null): string | undefined =>
  data === null ? undefined : Buffer.from(data).toString();

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fkv-lock-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the vault file lock', () => {
  it('makes another process’s write wait while one holds it, and lets it through after', async () => {
    const app = openNodeVaultFileStore({ dir: root });
    const cli = openNodeVaultFileStore({ dir: root, lock: { waitMs: 0 } });
    await app.write(bytes('one'));
    await app.exclusive(async () => {
      expect(await readdir(root)).toContain('vault.fkv.lock');
      await expect(cli.write(bytes('cli'))).rejects.toMatchObject({
        code: 'conflict',
        details: { reason: 'vault-busy' },
      });
      await app.write(bytes('two')); // inside its own hold: no wait on itself
    });
    expect(text(await app.read())).toBe('two');
    expect(await readdir(root)).not.toContain('vault.fkv.lock');
    await cli.write(bytes('three'));
    expect(text(await app.read())).toBe('three');
  });

  it('takes over a lock left by a process that died holding it', async () => {
    const lockDir = join(root, 'vault.fkv.lock');
    await mkdir(lockDir);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockDir, longAgo, longAgo);
    const store = openNodeVaultFileStore({ dir: root, lock: { waitMs: 0 } });
    await store.write(bytes('after a crash'));
    expect(text(await store.read())).toBe('after a crash');
  });

  it('restoring the backup and setting leftovers aside hold the lock too', async () => {
    const app = openNodeVaultFileStore({ dir: root });
    const cli = openNodeVaultFileStore({ dir: root, lock: { waitMs: 0 } });
    await app.write(bytes('one'));
    await app.write(bytes('two'));
    await app.exclusive(async () => {
      await expect(cli.restoreBackup()).rejects.toMatchObject({ code: 'conflict' });
      await expect(cli.setAsideLeftovers()).rejects.toMatchObject({ code: 'conflict' });
    });
    expect(text(await app.read())).toBe('two');
  });
});
