// Before a save, holding the file lock: the file on disk may have been saved by another process
// (the app and the fkv command line share it). A newer generation is loaded into the session with
// the session's own data key, so the save that follows lands on top of it; anything that cannot be
// loaded that way (a new key, an older copy, no file) is refused and never overwritten.
import type { AppError } from '../../../common/errors.js';
import type { Logger, VaultFileStore } from '../ports.js';
import type { RollbackGuard } from './rollback-guard.js';
import {
  changedElsewhereError,
  corruptError,
  existsError,
  newerVersionError,
} from './vault-errors.js';
import type { ElsewhereChange } from './vault-errors.js';
import { FORMAT_VERSION, decodeVaultFile } from './vault-format.js';
import { openBody } from './vault-open.js';
import { sectionsOf } from './vault-session.js';
import type { OpenSession } from './vault-session.js';
import type { VaultHeader } from './vault-format.js';

export interface CatchUpDeps {
  files: VaultFileStore;
  guard: RollbackGuard;
  logger: Logger;
  hasBackup: () => Promise<boolean>;
}

/** What the session takes from a newer file saved by another process. */
export type Reloaded = Pick<OpenSession, 'header' | 'sections' | 'counter'> & {
  header: VaultHeader;
  digest: string;
};

export type CatchUp =
  | { ok: true; reloaded?: Reloaded }
  /** The session must be locked before the error is thrown: it cannot save any more. */
  | { ok: false; error: AppError; lock: boolean };

const refuse = (path: string, change: ElsewhereChange): CatchUp => ({
  ok: false,
  error: changedElsewhereError(path, change),
  lock: true,
});

/** What `session` must take on to be up to the file on disk; it is not changed here. */
export async function catchUp(session: OpenSession, deps: CatchUpDeps): Promise<CatchUp> {
  const { files, guard, logger } = deps;
  const bytes = await files.read();
  if (bytes === null)
    return session.digest === undefined ? { ok: true } : refuse(files.path, 'removed');
  const decoded = decodeVaultFile(bytes);
  if (decoded.ok && decoded.file.digest === session.digest) return { ok: true };
  if (!decoded.ok) {
    const { problem } = decoded;
    // Not ours to overwrite either way; a newer app's file also ends this session.
    return problem.kind === 'newer'
      ? {
          ok: false,
          error: newerVersionError(files.path, problem.found, FORMAT_VERSION),
          lock: true,
        }
      : {
          ok: false,
          error: corruptError(files.path, problem.reason, await deps.hasBackup()),
          lock: false,
        };
  }
  const { file } = decoded;
  if (session.digest === undefined)
    return { ok: false, error: existsError(files.path), lock: false };
  if (file.header.counter <= session.counter) return refuse(files.path, 'older');
  let opened;
  try {
    opened = await openBody(file, session.dek, 'password', files.path, deps.hasBackup);
  } catch (error) {
    // The body does not open with our key: a new key (password change, keychain off) when the
    // wrap changed; otherwise the file was tampered with, and that error says so.
    const rewrapped =
      JSON.stringify(file.header.passwordWrap) !== JSON.stringify(session.header.passwordWrap);
    return rewrapped
      ? refuse(files.path, 'key')
      : { ok: false, error: error as AppError, lock: true };
  }
  await guard.record(file.header.counter, session.dek, file.header.keychainWrap !== undefined);
  logger.info('vault reloaded: saved by another process', {
    from: session.counter,
    to: file.header.counter,
  });
  return {
    ok: true,
    reloaded: {
      header: file.header,
      sections: sectionsOf(opened.body),
      counter: Math.max(session.counter, file.header.counter),
      digest: file.digest,
    },
  };
}
