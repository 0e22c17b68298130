// Builds the stores once from the Api in context, connects them while mounted, and hands out
// typed selector hooks.
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';

import type { Api } from '../../common/ipc/contract.js';
import { useApi } from '../api/api-context.js';
import { createAuditStore } from './audit-store.js';
import { createCredentialsStore } from './credentials-store.js';
import { createDeliveryStore } from './delivery-store.js';
import { createInstancesStore } from './instances-store.js';
import { createKeysStore } from './keys-store.js';
import { createOverviewStore } from './overview-store.js';
import { createPoliciesStore } from './policies-store.js';
import { createRotationStore } from './rotation-store.js';
import { createSettingsStore } from './settings-store.js';
import { createVaultStore } from './vault-store.js';

function createStores(api: Api) {
  return {
    vault: createVaultStore(api),
    settings: createSettingsStore(api),
    instances: createInstancesStore(api),
    credentials: createCredentialsStore(api),
    keys: createKeysStore(api),
    audit: createAuditStore(api),
    rotation: createRotationStore(api),
    overview: createOverviewStore(api),
    delivery: createDeliveryStore(api),
    policies: createPoliciesStore(api),
  } as const;
}

type Stores = ReturnType<typeof createStores>;
type StoreName = keyof Stores;
type StateOf<N extends StoreName> = ReturnType<Stores[N]['getState']>;

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [stores] = useState<Stores>(() => createStores(api));
  useEffect(() => {
    const off = Object.values(stores).map((store) => store.getState().connect());
    return () => {
      for (const disconnect of off) disconnect();
    };
  }, [stores]);
  return <StoresContext value={stores}>{children}</StoresContext>;
}

/** The one hook behind all the others: what `selector` picks from the store called `name`. */
function useAppStore<N extends StoreName, T>(name: N, selector: (state: StateOf<N>) => T): T {
  const stores = useContext(StoresContext);
  if (stores === null) throw new Error('useAppStore needs a <StoresProvider> above it.');
  // Indexing with a generic name widens to the union of the stores; `name` picks the one store.
  return useStore(stores[name] as StoreApi<StateOf<N>>, selector);
}

function storeHook<N extends StoreName>(name: N) {
  return function useNamedStore<T>(selector: (state: StateOf<N>) => T): T {
    return useAppStore(name, selector);
  };
}

export const useVaultStore = storeHook('vault');
export const useSettingsStore = storeHook('settings');
export const useInstancesStore = storeHook('instances');
export const useCredentialsStore = storeHook('credentials');
export const useKeysStore = storeHook('keys');
export const useAuditStore = storeHook('audit');
export const useRotationStore = storeHook('rotation');
export const useOverviewStore = storeHook('overview');
export const useDeliveryStore = storeHook('delivery');
export const usePoliciesStore = storeHook('policies');
