// The few pieces every store builds its actions from, so each action reads the same way: `attempt`
// turns a call into an Outcome (a failure kept as words only, see store-error.ts), a StaleGuard
// drops the answers that arrive after the view they were asked for is gone, and a ShownInstance
// runs the calls of a store that shows one instance at a time.
import type { StoreError } from './store-error.js';
import { toStoreError } from './store-error.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: StoreError };

/** Never throws: a failure comes back as its code and words, never the error object itself (which
 * could hold the call's arguments). */
export async function attempt<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (caught) {
    return { ok: false, error: toStoreError(caught) };
  }
}

export function errorOf(outcome: Outcome<unknown>): StoreError | null {
  return outcome.ok ? null : outcome.error;
}

const VAULT_STATES = new Set<string>(['vault_locked', 'vault_missing']);

/** A locked or missing vault is the vault screens' business, not an error a page shows. */
export function isVaultState(error: StoreError): boolean {
  return VAULT_STATES.has(error.code);
}

export interface StaleGuard {
  /** Makes every call started before now stale: a lock, another instance shown, a newer answer. */
  bump: () => void;
  /** Marks a call's start; the check answers true while nothing has bumped the guard since. */
  start: () => () => boolean;
  /** `attempt`, with `keep` seeing the outcome only if the guard was not bumped meanwhile; the
   * caller gets the outcome either way. */
  attempt: <T>(call: () => Promise<T>, keep: (outcome: Outcome<T>) => void) => Promise<Outcome<T>>;
}

export function staleGuard(): StaleGuard {
  let generation = 0;
  const start = (): (() => boolean) => {
    const started = generation;
    return () => started === generation;
  };
  return {
    bump: () => {
      generation++;
    },
    start,
    attempt: async (call, keep) => {
      const current = start();
      const outcome = await attempt(call);
      if (current()) keep(outcome);
      return outcome;
    },
  };
}

const NO_INSTANCE: StoreError = { code: 'bad_request', message: 'Choose an instance first.' };

/** The state of a store that shows one instance at a time. */
export interface InstanceState {
  readonly instanceId: string | null;
  /** Loads the shown instance's lists again. */
  readonly refresh: () => Promise<void>;
}

export interface ShownInstance {
  /** Shows another instance (or the same again): forgets the last one's answers, then refreshes. */
  show: (instanceId: string | null) => Promise<void>;
  /** Loads for the shown instance (nothing when there is none); `keep` sees only a fresh answer. */
  load: <T>(
    call: (instanceId: string) => Promise<T>,
    keep: (outcome: Outcome<T>) => void,
  ) => Promise<void>;
  /** A call against the shown instance. */
  attempt: <T>(call: (instanceId: string) => Promise<T>) => Promise<Outcome<T>>;
  /** A change, followed by a refresh: a change moves dates, names and bindings with it, and a
   * not_found means the list is stale. */
  change: <T>(call: (instanceId: string) => Promise<T>) => Promise<Outcome<T>>;
}

/** `reset` empties the store for another instance (or none); `guard` is bumped with it. */
export function shownInstance(
  guard: StaleGuard,
  state: () => InstanceState,
  reset: (instanceId: string | null) => void,
): ShownInstance {
  const onShown = <T>(call: (instanceId: string) => Promise<T>): Promise<Outcome<T>> => {
    const id = state().instanceId;
    if (id === null) return Promise.resolve({ ok: false, error: NO_INSTANCE });
    return attempt(() => call(id));
  };
  return {
    show: async (instanceId) => {
      if (instanceId !== state().instanceId) {
        guard.bump();
        reset(instanceId);
      }
      await state().refresh();
    },
    load: async (call, keep) => {
      const id = state().instanceId;
      if (id === null) return;
      await guard.attempt(() => call(id), keep);
    },
    attempt: onShown,
    change: async (call) => {
      const outcome = await onShown(call);
      if (outcome.ok || outcome.error.code === 'not_found') await state().refresh();
      return outcome;
    },
  };
}
