// Failed unlocks, counted outside the vault (it is locked when they happen) in the non-secret
// state store, so that the next unlock can tell them and a restart does not wipe the wait.
// After FREE_TRIES failures in a row each further try waits, twice as long each time, as
// Bitwarden and KeePassXC do. The limit of this: the state file is not secret and can be deleted
// by anyone with the OS account, which resets the wait; and a copy of the vault file can be
// attacked outside the app, where only the key derivation's cost (main/core/vault/kdf.ts) counts.
// The wait slows guessing through this app's own screen, which is what it is for.
import { z } from 'zod';

import { AppError } from '../../../common/errors.js';
import type { Clock, StateStore } from '../ports.js';

const STATE_KEY = 'unlockAttempts';
export const FREE_TRIES = 5;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

const Saved = z.object({
  failures: z.number().int().min(0),
  lastFailedAt: z.number().optional(),
});
type Saved = z.infer<typeof Saved>;

export interface FailedSince {
  count: number;
  lastAt: number;
}

export interface UnlockAttempts {
  /** How long until the next try is allowed, while a wait runs. */
  retryInMs(): number | undefined;
  /** Throws `too_many_attempts` while a wait runs. */
  check(): void;
  failed(): void;
  /** Clears the count; returns the failures it held, if any. */
  succeeded(): FailedSince | undefined;
}

/** The wait after `failures` failures in a row: none for the first few, then doubling. */
export function waitAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_TRIES), LONGEST_WAIT_MS);
}

export function createUnlockAttempts(state: StateStore, clock: Clock): UnlockAttempts {
  const read = (): Saved => {
    const parsed = Saved.safeParse(state.get(STATE_KEY));
    return parsed.success ? parsed.data : { failures: 0 };
  };
  const retryAt = (): number | undefined => {
    const { failures, lastFailedAt } = read();
    const wait = waitAfter(failures);
    if (wait === 0 || lastFailedAt === undefined) return undefined;
    const at = lastFailedAt + wait;
    return at > clock.now() ? at : undefined;
  };
  return {
    retryInMs: () => {
      const at = retryAt();
      return at === undefined ? undefined : at - clock.now();
    },
    check() {
      const at = retryAt();
      if (at === undefined) return;
      const seconds = Math.ceil((at - clock.now()) / 1000);
      throw new AppError(
        'too_many_attempts',
        `Too many wrong master passwords in a row. Try again in ${String(seconds)} s.`,
        { retryAt: at, retryInMs: at - clock.now() },
      );
    },
    failed() {
      state.set(STATE_KEY, { failures: read().failures + 1, lastFailedAt: clock.now() });
    },
    succeeded() {
      const { failures, lastFailedAt } = read();
      if (failures === 0) return undefined;
      state.set(STATE_KEY, { failures: 0 });
      return { count: failures, lastAt: lastFailedAt ?? clock.now() };
    },
  };
}
