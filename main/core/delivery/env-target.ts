// A `.env` delivery target: one variable in one file. Delivering keeps the file's previous
// version beside it; rolling back puts that version back.
import { AppError } from '../../../common/errors.js';
import type { TargetFilePort } from '../ports.js';
import { setEnvVariable } from './env-rewrite.js';

export interface EnvFileTarget {
  path: string;
  /** The variable the apps read the key from. */
  name: string;
  /** Appended to the path for the previous version; `.bak` unless chosen. */
  backupSuffix?: string | undefined;
}

export type EnvDelivery = 'updated' | 'appended' | 'unchanged';

export const DEFAULT_BACKUP_SUFFIX = '.bak';

/** A suffix that keeps the backup beside the file, never elsewhere. */
export const BACKUP_SUFFIX = /^[\w.~-]{1,32}$/;

export function backupPathOf(target: EnvFileTarget): string {
  const suffix = target.backupSuffix ?? DEFAULT_BACKUP_SUFFIX;
  if (!BACKUP_SUFFIX.test(suffix)) {
    throw new AppError(
      'bad_request',
      `The backup suffix "${suffix}" is not a plain file-name ending.`,
    );
  }
  return `${target.path}${suffix}`;
}

function missing(path: string): AppError {
  return new AppError(
    'precondition_failed',
    `${path} does not exist. Create it (it may be empty), then deliver again.`,
    { path },
  );
}

/**
 * Sets the variable to `value`. A file that already holds exactly that value is left alone, backup
 * included, so a delivery repeated after a crash never turns the backup into the new version.
 */
export async function deliverToEnvFile(
  files: TargetFilePort,
  target: EnvFileTarget,
  value: string,
): Promise<EnvDelivery> {
  const backupPath = backupPathOf(target);
  const current = await files.read(target.path);
  if (current === null) throw missing(target.path);
  const { text, appended } = setEnvVariable(current.text, target.name, value);
  if (text === current.text) return 'unchanged';
  await files.replace(target.path, text, { backupPath });
  return appended ? 'appended' : 'updated';
}

/** Puts the version kept by the last delivery back in place (the backup stays where it is). */
export async function restoreEnvFile(files: TargetFilePort, target: EnvFileTarget): Promise<void> {
  const backupPath = backupPathOf(target);
  const backup = await files.read(backupPath);
  if (backup === null) {
    throw new AppError('no_backup', `There is no backup of ${target.path} at ${backupPath}.`, {
      path: target.path,
    });
  }
  await files.replace(target.path, backup.text);
}
