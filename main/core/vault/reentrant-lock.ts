// One lock around the vault file's read-check-write, held by one async flow at a time. Code that
// already holds it (a save inside a transaction) runs at once instead of waiting on itself.
import { AsyncLocalStorage } from 'node:async_hooks';

import { SerialQueue } from './serial-queue.js';

/** Takes the underlying lock and returns its release. */
export type Acquire = () => Promise<() => Promise<void>>;

export interface ReentrantLock {
  /** True inside a job run by this lock, while that job has not ended. */
  held(): boolean;
  run<T>(job: () => Promise<T>): Promise<T>;
}

export function reentrantLock(acquire: Acquire): ReentrantLock {
  // In-process callers wait here, so only one of them at a time contends for the file lock.
  const queue = new SerialQueue();
  // A token, not a flag: a promise started inside a job and left running must not keep the lock.
  const context = new AsyncLocalStorage<{ active: boolean }>();
  const held = (): boolean => context.getStore()?.active === true;
  return {
    held,
    run<T>(job: () => Promise<T>): Promise<T> {
      if (held()) return job();
      return queue.run(async () => {
        const release = await acquire();
        const token = { active: true };
        try {
          return await context.run(token, job);
        } finally {
          token.active = false;
          // A failed release (the lock folder already gone) must not hide the job's own outcome.
          await release().catch(() => undefined);
        }
      });
    },
  };
}
