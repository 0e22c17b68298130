// Delivery target files on a local disk. Each write goes to a temp file in the target's own folder
// (so the rename stays on one file system), is fsynced, given the target's mode, and renamed over
// it; the folder is then fsynced as the vault's own writes are (main/core/vault/node-file-store.ts).
// A crash leaves either the old file or the new one, and at most a stray `.NAME.*.tmp`.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { AppError } from '../../../common/errors.js';
import type { TargetFileContent, TargetFilePort } from '../ports.js';
import { syncDir } from '../vault/node-file-store.js';

/** Points inside a write; tests throw from the hook to act out a crash there. */
export type TargetWriteStep = 'backup-written' | 'tmp-synced' | 'renamed';

const code = (error: unknown): unknown => (error as NodeJS.ErrnoException | null)?.code;

function cannotWrite(path: string, error: unknown): AppError {
  const errno = code(error);
  const why = typeof errno === 'string' ? errno : 'an unknown error';
  return new AppError('precondition_failed', `${path} could not be written (${why}).`, { path });
}

/** The file a path names, through symlinks, so a link to a .env file stays a link. */
async function resolveFile(path: string): Promise<{ path: string; mode: number } | null> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    if (code(error) === 'ENOENT') return null;
    throw cannotWrite(path, error);
  }
  const info = await stat(real);
  if (!info.isFile()) {
    throw new AppError('precondition_failed', `${path} is not a file.`, { path });
  }
  return { path: real, mode: info.mode & 0o7777 };
}

async function writable(path: string, mode: number): Promise<boolean> {
  // Checked by mode as well: root may write anything, but a 0444 file says "do not change me".
  if ((mode & 0o222) === 0) return false;
  try {
    await access(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

async function writeAtomically(
  path: string,
  data: string | Uint8Array,
  mode: number,
  onStep: (step: TargetWriteStep) => void,
): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'wx', mode & 0o777);
    try {
      await handle.writeFile(data);
      // The umask may have dropped bits from the mode given to open.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    onStep('tmp-synced');
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error instanceof AppError ? error : cannotWrite(path, error);
  }
  onStep('renamed');
  await syncDir(dirname(path));
}

export function createNodeTargetFiles(
  options: { onStep?: (step: TargetWriteStep) => void } = {},
): TargetFilePort {
  const onStep = options.onStep ?? (() => undefined);
  return {
    async read(path): Promise<TargetFileContent | null> {
      const file = await resolveFile(path);
      if (file === null) return null;
      return { text: await readFile(file.path, 'utf8'), mode: file.mode };
    },
    async replace(path, text, replaceOptions = {}) {
      const file = await resolveFile(path);
      if (file === null) {
        throw new AppError('precondition_failed', `${path} does not exist.`, { path });
      }
      if (!(await writable(file.path, file.mode))) {
        throw new AppError(
          'precondition_failed',
          `${path} is read-only; nothing was written. Make it writable, then deliver again.`,
          { path },
        );
      }
      const { backupPath } = replaceOptions;
      if (backupPath !== undefined) {
        await writeAtomically(backupPath, await readFile(file.path), file.mode, () => undefined);
        onStep('backup-written');
      }
      await writeAtomically(file.path, text, file.mode, onStep);
    },
  };
}
