// Builds the stores once from the Api in context, connects them while mounted, and hands out
// typed selector hooks.
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';

import { useApi } from '../api/api-context.js';
import type { AuditStore, AuditStoreState } from './audit-store.js';
import { createAuditStore } from './audit-store.js';
import type { CredentialsStore, CredentialsStoreState } from './credentials-store.js';
import { createCredentialsStore } from './credentials-store.js';
import type { InstancesStore, InstancesStoreState } from './instances-store.js';
import { createInstancesStore } from './instances-store.js';
import type { KeysStore, KeysStoreState } from './keys-store.js';
import { createKeysStore } from './keys-store.js';
import type { RotationStore, RotationStoreState } from './rotation-store.js';
import { createRotationStore } from './rotation-store.js';
import type { SettingsStore, SettingsStoreState } from './settings-store.js';
import { createSettingsStore } from './settings-store.js';
import type { VaultStore, VaultStoreState } from './vault-store.js';
import { createVaultStore } from './vault-store.js';

export interface Stores {
  readonly vault: VaultStore;
  readonly settings: SettingsStore;
  readonly instances: InstancesStore;
  readonly credentials: CredentialsStore;
  readonly keys: KeysStore;
  readonly audit: AuditStore;
  readonly rotation: RotationStore;
}

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [stores] = useState<Stores>(() => ({
    vault: createVaultStore(api),
    settings: createSettingsStore(api),
    instances: createInstancesStore(api),
    credentials: createCredentialsStore(api),
    keys: createKeysStore(api),
    audit: createAuditStore(api),
    rotation: createRotationStore(api),
  }));
  useEffect(() => {
    const offVault = stores.vault.getState().connect();
    const offSettings = stores.settings.getState().connect();
    const offInstances = stores.instances.getState().connect();
    const offCredentials = stores.credentials.getState().connect();
    const offKeys = stores.keys.getState().connect();
    const offAudit = stores.audit.getState().connect();
    const offRotation = stores.rotation.getState().connect();
    return () => {
      offVault();
      offSettings();
      offInstances();
      offCredentials();
      offKeys();
      offAudit();
      offRotation();
    };
  }, [stores]);
  return <StoresContext value={stores}>{children}</StoresContext>;
}

function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (stores === null) throw new Error('useStores needs a <StoresProvider> above it.');
  return stores;
}

export function useVaultStore<T>(selector: (state: VaultStoreState) => T): T {
  return useStore(useStores().vault, selector);
}

export function useSettingsStore<T>(selector: (state: SettingsStoreState) => T): T {
  return useStore(useStores().settings, selector);
}

export function useInstancesStore<T>(selector: (state: InstancesStoreState) => T): T {
  return useStore(useStores().instances, selector);
}

export function useAuditStore<T>(selector: (state: AuditStoreState) => T): T {
  return useStore(useStores().audit, selector);
}

export function useKeysStore<T>(selector: (state: KeysStoreState) => T): T {
  return useStore(useStores().keys, selector);
}

export function useCredentialsStore<T>(selector: (state: CredentialsStoreState) => T): T {
  return useStore(useStores().credentials, selector);
}

export function useRotationStore<T>(selector: (state: RotationStoreState) => T): T {
  return useStore(useStores().rotation, selector);
}
