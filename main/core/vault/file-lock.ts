// The inter-process lock on the vault file: the desktop app and the fkv command line may run at
// once, and every write of the file (with the check of what is on disk that comes before it) is
// made holding it. proper-lockfile makes `<file>.lock` with mkdir, which is atomic on every OS and
// on network file systems, and keeps touching it while held; a lock left by a process that died
// is taken over once it has not been touched for `staleMs`.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

import { lock } from 'proper-lockfile';

import { AppError } from '../../../common/errors.js';
import { reentrantLock } from './reentrant-lock.js';
import type { ReentrantLock } from './reentrant-lock.js';

export interface FileLockOptions {
  /** A lock untouched for this long belongs to a dead process (proper-lockfile's minimum: 2 s). */
  staleMs?: number;
  /** How long to wait for another process's lock before giving up. */
  waitMs?: number;
}

const DIR_MODE = 0o700;

export function busyError(path: string, waitMs: number): AppError {
  return new AppError(
    'conflict',
    `Another program (the app or the fkv command line) has been saving ${path} for over ` +
      `${String(Math.round(waitMs / 1000))} s. Nothing was changed; try again.`,
    { path, reason: 'vault-busy' },
  );
}

export function lockLostError(path: string): AppError {
  return new AppError(
    'conflict',
    `The lock on ${path} was taken over by another program while this one held it. Nothing was ` +
      `saved; try again.`,
    { path, reason: 'vault-lock-lost' },
  );
}

export interface FileLock extends ReentrantLock {
  /** Throws when the lock was taken over meanwhile (this process stalled past `staleMs`). */
  assertHeld(): void;
}

export function createFileLock(path: string, options: FileLockOptions = {}): FileLock {
  // A save holds the lock for milliseconds and the lock is touched every staleMs / 2, so only a
  // process that died (or stalled that long) leaves it untouched for 5 s; the next save then
  // takes it over instead of making the person wait.
  const staleMs = options.staleMs ?? 5_000;
  const waitMs = options.waitMs ?? 30_000;
  let lost = false;
  const inner = reentrantLock(async () => {
    await mkdir(dirname(path), { recursive: true, mode: DIR_MODE });
    const started = Date.now();
    for (;;) {
      try {
        lost = false;
        return await lock(path, {
          realpath: false, // the vault file may not exist yet
          stale: staleMs,
          // The default throws from a timer, which would end the process.
          onCompromised: () => {
            lost = true;
          },
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
        if (Date.now() - started > waitMs) throw busyError(path, waitMs);
        // Short, jittered waits: a save holds the lock for a few milliseconds.
        await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 20));
      }
    }
  });
  return {
    ...inner,
    assertHeld() {
      if (lost) throw lockLostError(path);
    },
  };
}
