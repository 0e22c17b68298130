// The delivery targets of the one key whose targets are open. Definitions only (paths, commands,
// checks): a target never holds a key value. Saving one needs the master password each time.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { Api } from '../../common/ipc/contract.js';
import type { DeliveryTarget, TargetDraft } from '../../common/ipc/schemas/delivery.js';
import type { StoreError } from './store-error.js';
import type { Outcome } from './store-kit.js';
import { staleGuard } from './store-kit.js';

export interface KeyRef {
  instanceId: string;
  keyId: string;
}

export interface DeliveryStoreState {
  /** The key shown, or null. */
  readonly key: KeyRef | null;
  /** Null until loaded. */
  readonly targets: readonly DeliveryTarget[] | null;
  readonly listError: StoreError | null;
  connect: () => () => void;
  /** Shows (and loads) a key's targets; null forgets them. */
  show: (key: KeyRef | null) => Promise<void>;
  add: (draft: TargetDraft, password: string) => Promise<Outcome<DeliveryTarget>>;
  update: (
    targetId: string,
    draft: TargetDraft,
    password: string,
  ) => Promise<Outcome<DeliveryTarget>>;
  remove: (targetId: string) => Promise<Outcome<undefined>>;
}

export type DeliveryStore = StoreApi<DeliveryStoreState>;

const EMPTY = { key: null, targets: null, listError: null } as const;

export function createDeliveryStore(api: Api): DeliveryStore {
  const guard = staleGuard();
  return createStore<DeliveryStoreState>()((set, get) => {
    const shown = (): KeyRef => {
      const key = get().key;
      if (key === null) throw new Error('No key is shown.');
      return key;
    };
    async function reload(): Promise<void> {
      const key = get().key;
      if (key === null) return;
      await guard.attempt(
        () => api.delivery.list(key),
        (outcome) => {
          set(
            outcome.ok
              ? { targets: outcome.value.targets, listError: null }
              : { listError: outcome.error },
          );
        },
      );
    }
    /** A change, then the list read again (so it shows what main saved). */
    async function change<T>(call: () => Promise<T>): Promise<Outcome<T>> {
      const outcome = await guard.attempt(call, () => undefined);
      if (outcome.ok) await reload();
      return outcome;
    }
    return {
      ...EMPTY,
      connect: () => {
        const off = api.on('vault.locked', () => {
          guard.bump();
          set(EMPTY);
        });
        return off;
      },
      show: async (key) => {
        guard.bump();
        set({ ...EMPTY, key });
        await reload();
      },
      add: (draft, password) => change(() => api.delivery.add({ ...shown(), draft, password })),
      update: (targetId, draft, password) =>
        change(() => api.delivery.update({ ...shown(), targetId, draft, password })),
      remove: (targetId) =>
        change(async () => {
          await api.delivery.remove({ ...shown(), targetId });
          return undefined;
        }),
    };
  });
}
