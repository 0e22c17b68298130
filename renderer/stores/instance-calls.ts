// The calls a per-instance store makes: against the instance it shows, as an Outcome, and for a
// change, followed by a reload (a change moves dates, names and bindings with it; a not_found
// means the list is stale).
import type { Outcome } from './instances-store.js';
import type { StoreError } from './store-error.js';
import { toStoreError } from './store-error.js';

const NO_INSTANCE: StoreError = { code: 'bad_request', message: 'Choose an instance first.' };

export interface InstanceCalls {
  attempt: <T>(call: (instanceId: string) => Promise<T>) => Promise<Outcome<T>>;
  change: <T>(call: (instanceId: string) => Promise<T>) => Promise<Outcome<T>>;
}

export function instanceCalls(
  instanceId: () => string | null,
  refresh: () => Promise<void>,
): InstanceCalls {
  async function attempt<T>(call: (id: string) => Promise<T>): Promise<Outcome<T>> {
    const id = instanceId();
    if (id === null) return { ok: false, error: NO_INSTANCE };
    try {
      return { ok: true, value: await call(id) };
    } catch (caught) {
      return { ok: false, error: toStoreError(caught) };
    }
  }
  return {
    attempt,
    change: async (call) => {
      const outcome = await attempt(call);
      if (outcome.ok || outcome.error.code === 'not_found') await refresh();
      return outcome;
    },
  };
}
