// App settings as main last reported them; kept in step through the settings.changed event.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { Api } from '../../common/ipc/contract.js';
import type { Settings, SettingsPatch } from '../../common/ipc/schemas/settings.js';
import type { StoreError } from './store-error.js';
import { attempt, errorOf } from './store-kit.js';

export interface SettingsStoreState {
  /** null until loaded. */
  readonly settings: Settings | null;
  readonly busy: boolean;
  readonly error: StoreError | null;
  /** Subscribes to settings.changed and loads the settings; returns the unsubscribe. */
  connect: () => () => void;
  load: () => Promise<void>;
  /** Resolves to null on success, or to the error that is also kept in `error`. */
  update: (patch: SettingsPatch) => Promise<StoreError | null>;
}

export type SettingsStore = StoreApi<SettingsStoreState>;

export function createSettingsStore(api: Api): SettingsStore {
  return createStore<SettingsStoreState>()((set, get) => ({
    settings: null,
    busy: false,
    error: null,

    connect: () => {
      const off = api.on('settings.changed', (settings) => {
        set({ settings });
      });
      void get().load();
      return off;
    },

    load: async () => {
      const outcome = await attempt(() => api.settings.get());
      set(outcome.ok ? { settings: outcome.value, error: null } : { error: outcome.error });
    },

    update: async (patch) => {
      set({ busy: true, error: null });
      const outcome = await attempt(() => api.settings.update(patch));
      set(
        outcome.ok
          ? { settings: outcome.value, busy: false }
          : { error: outcome.error, busy: false },
      );
      return errorOf(outcome);
    },
  }));
}
