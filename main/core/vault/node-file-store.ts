// The vault file on a local disk. A write never leaves a moment without a complete vault file:
//   1. write <file>.tmp (0600) and fsync it
//   2. hard-link <file> → <file>.bak.tmp, rename over <file>.bak (copy + fsync where links fail)
//   3. rename <file>.tmp over <file>, chmod 0600, fsync the folder (not on Windows)
// A crash before 3 leaves the old file; after 3 the new one. A stale .tmp is never read.
// Every change of the folder's vault files holds the inter-process lock (file-lock.ts).
import { constants } from 'node:fs';
import {
  chmod,
  copyFile,
  link,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  unlink,
} from 'node:fs/promises';
import { basename, join } from 'node:path';

import { AppError } from '../../../common/errors.js';
import type { VaultFileStore } from '../ports.js';
import { createFileLock } from './file-lock.js';
import { generationFiles } from './generation-files.js';
import type { FileLockOptions } from './file-lock.js';

/** The points between write steps; tests throw from the hook to act out a crash there. */
export type WriteStep = 'tmp-written' | 'tmp-synced' | 'backup-kept' | 'renamed' | 'dir-synced';

export interface NodeVaultFileStoreOptions {
  dir: string;
  fileName?: string;
  onStep?: (step: WriteStep) => void;
  lock?: FileLockOptions;
}

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

const code = (error: unknown): unknown => (error as NodeJS.ErrnoException | null)?.code;

async function readOrNull(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if (code(error) === 'ENOENT') return null;
    throw error;
  }
}

async function removeIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (code(error) !== 'ENOENT') throw error;
  }
}

async function writeSynced(
  path: string,
  data: Uint8Array,
  afterWrite: () => void = () => undefined,
): Promise<void> {
  await removeIfPresent(path);
  // 'wx' so the mode applies: a leftover file would keep whatever mode it had.
  const handle = await open(path, 'wx', FILE_MODE);
  try {
    await handle.writeFile(data);
    afterWrite();
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Copies to a name that must not exist yet, durably and owner-only. */
async function copySynced(from: string, to: string): Promise<void> {
  await copyFile(from, to, constants.COPYFILE_EXCL);
  await chmod(to, FILE_MODE);
  const handle = await open(to, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the renames durable. Some file systems refuse to fsync a folder; that is not fatal. */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    if (!['EINVAL', 'ENOTSUP', 'EPERM', 'EISDIR'].includes(String(code(error)))) throw error;
  } finally {
    await handle.close();
  }
}

/** A new name for `from` without moving it: a hard link where possible, else a durable copy. */
async function duplicate(from: string, to: string): Promise<void> {
  await removeIfPresent(to);
  try {
    await link(from, to);
  } catch (error) {
    if (code(error) === 'ENOENT') throw error;
    await removeIfPresent(to);
    await copySynced(from, to);
  }
}

/** A timestamp that is safe in a file name on every OS. */
const fileStamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');

export function openNodeVaultFileStore(options: NodeVaultFileStoreOptions): VaultFileStore {
  const { dir, onStep } = options;
  const fileName = options.fileName ?? 'vault.fkv';
  const path = join(dir, fileName);
  const backupPath = `${path}.bak`;
  const tmpPath = `${path}.tmp`;
  const step = (name: WriteStep): void => onStep?.(name);
  const fileLock = createFileLock(path, options.lock);
  const generations = generationFiles(`${path}.generations`);

  async function keepBackup(): Promise<void> {
    try {
      await duplicate(path, `${backupPath}.tmp`);
    } catch (error) {
      if (code(error) === 'ENOENT') return; // first write: no generation to keep yet
      throw error;
    }
    await rename(`${backupPath}.tmp`, backupPath);
    // POSIX rename is a no-op when both names already link the same inode (a crash right after
    // this step last time); the extra name must not linger.
    await removeIfPresent(`${backupPath}.tmp`);
  }

  async function putInPlace(from: string): Promise<void> {
    fileLock.assertHeld();
    await rename(from, path);
    await chmod(path, FILE_MODE);
    step('renamed');
    await syncDir(dir);
    step('dir-synced');
  }

  /** Gives the current file a second, dated name; the rename that follows drops only the old one. */
  async function setAside(): Promise<string> {
    const stamp = fileStamp();
    for (let n = 0; ; n++) {
      const candidate = `${path}.damaged-${stamp}${n === 0 ? '' : `-${n}`}`;
      try {
        await link(path, candidate);
        return candidate;
      } catch (error) {
        if (code(error) === 'EEXIST') continue;
        if (code(error) === 'ENOENT') return '';
        await copySynced(path, candidate);
        return candidate;
      }
    }
  }

  /** The backup (and a backup mid-replace) and damaged copies: earlier generations of the file. */
  async function leftovers(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (code(error) === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((n) => n.startsWith(`${fileName}.bak`) || n.startsWith(`${fileName}.damaged-`))
      .sort()
      .map((n) => join(dir, n));
  }

  async function setAsideLeftoversLocked(): Promise<string> {
    const found = await leftovers();
    if (found.length === 0) return '';
    const stamp = fileStamp();
    let folder = '';
    for (let n = 0; folder === ''; n++) {
      const candidate = join(dir, `set-aside-${stamp}${n === 0 ? '' : `-${n}`}`);
      try {
        await mkdir(candidate, { mode: DIR_MODE });
        folder = candidate;
      } catch (error) {
        if (code(error) !== 'EEXIST') throw error;
      }
    }
    for (const file of found) await rename(file, join(folder, basename(file)));
    await syncDir(folder);
    await syncDir(dir);
    return folder;
  }

  return {
    path,
    backupPath,
    leftovers,
    exclusive: (job) => fileLock.run(job),
    keepGeneration: (data, counter, keep) =>
      fileLock.run(() => generations.keep(data, counter, keep)),
    generations: () => generations.list(),
    readGeneration: (id) => generations.read(id),
    setAsideLeftovers: () => fileLock.run(setAsideLeftoversLocked),
    read: () => readOrNull(path),
    readBackup: () => readOrNull(backupPath),
    write: (data) =>
      fileLock.run(async () => {
        await mkdir(dir, { recursive: true, mode: DIR_MODE });
        await writeSynced(tmpPath, data, () => {
          step('tmp-written');
        });
        step('tmp-synced');
        await keepBackup();
        step('backup-kept');
        await putInPlace(tmpPath);
      }),
    // Returns '' when there was no current file to set aside.
    restoreBackup: () =>
      fileLock.run(async () => {
        const backup = await readOrNull(backupPath);
        if (backup === null)
          throw new AppError('no_backup', `There is no backup next to ${path}.`, { path });
        await writeSynced(tmpPath, backup);
        const damagedPath = await setAside();
        await putInPlace(tmpPath);
        return damagedPath;
      }),
  };
}

/** The vault file `<dir>/<fileName>` (default vault.fkv), its backup `<file>.bak`. */
export function createNodeVaultFileStore(dir: string, fileName = 'vault.fkv'): VaultFileStore {
  return openNodeVaultFileStore({ dir, fileName });
}
