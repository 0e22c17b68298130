// The active instance's credentials as main last reported them (summaries: names, types, dates and
// the flows that use them) and its catalogue of credential types. No field value is ever kept here:
// what a person types goes from the dialog that holds it straight to the Api, and the edit form's
// copy of a credential (secrets only as "set") lives in that dialog too.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { Api } from '../../common/ipc/contract.js';
import type {
  CredentialForEdit,
  CredentialList,
  CredentialSummary,
  CredentialTypeCatalogue,
  FieldInput,
  RotationPlan,
} from '../../common/ipc/schemas/credentials.js';
import { instanceCalls } from './instance-calls.js';
import type { Outcome } from './instances-store.js';
import type { StoreError } from './store-error.js';
import { toStoreError } from './store-error.js';

export interface CredentialsStoreState {
  /** The instance whose credentials are shown; null when there is none. */
  readonly instanceId: string | null;
  /** null until loaded, while switching instance, and once the vault locks. */
  readonly list: CredentialList | null;
  readonly listError: StoreError | null;
  /** The type picker's catalogue for `instanceId`, loaded on first need. */
  readonly catalogue: CredentialTypeCatalogue | null;
  /** Subscribes to the vault events; returns the unsubscribe. */
  connect: () => () => void;
  /** Shows another instance (or the same again): loads its credentials. */
  show: (instanceId: string | null) => Promise<void>;
  refresh: () => Promise<void>;
  loadCatalogue: () => Promise<Outcome<CredentialTypeCatalogue>>;
  /** For the edit dialog, which keeps it; secrets come only as set or not. */
  get: (id: string) => Promise<Outcome<CredentialForEdit>>;
  create: (
    credentialName: string,
    name: string,
    data: Record<string, FieldInput>,
  ) => Promise<Outcome<CredentialSummary>>;
  /** Only a new name and the fields the person changed. */
  update: (
    id: string,
    change: { name?: string; changes?: Record<string, FieldInput> },
  ) => Promise<Outcome<CredentialSummary>>;
  rotatePlan: (id: string, field: string) => Promise<Outcome<RotationPlan>>;
  rotate: (
    id: string,
    field: string,
    value: string,
    reviewedFlowIds: string[],
  ) => Promise<Outcome<CredentialSummary>>;
  remove: (id: string, confirmName?: string) => Promise<Outcome<void>>;
}

export type CredentialsStore = StoreApi<CredentialsStoreState>;

const EMPTY = { instanceId: null, list: null, listError: null, catalogue: null } as const;

export function createCredentialsStore(api: Api): CredentialsStore {
  // Bumped on every lock and instance switch: answers to older calls belong to another view.
  let view = 0;

  return createStore<CredentialsStoreState>()((set, get) => {
    const { attempt, change } = instanceCalls(
      () => get().instanceId,
      () => get().refresh(),
    );

    return {
      ...EMPTY,

      connect: () => {
        const off = api.on('vault.locked', () => {
          view++;
          set(EMPTY);
        });
        return off;
      },

      show: async (instanceId) => {
        if (instanceId !== get().instanceId) {
          view++;
          set({ ...EMPTY, instanceId });
        }
        await get().refresh();
      },

      refresh: async () => {
        const { instanceId } = get();
        if (instanceId === null) return;
        const started = view;
        try {
          const list = await api.credentials.list({ instanceId });
          if (started === view) set({ list, listError: null });
        } catch (caught) {
          if (started === view) set({ listError: toStoreError(caught) });
        }
      },

      loadCatalogue: async () => {
        const cached = get().catalogue;
        if (cached !== null) return { ok: true, value: cached };
        const started = view;
        const outcome = await attempt((instanceId) => api.credentials.types({ instanceId }));
        if (outcome.ok && started === view) set({ catalogue: outcome.value });
        return outcome;
      },

      get: (id) => attempt((instanceId) => api.credentials.get({ instanceId, id })),

      create: (credentialName, name, data) =>
        change((instanceId) => api.credentials.create({ instanceId, credentialName, name, data })),

      update: (id, { name, changes }) =>
        change((instanceId) =>
          api.credentials.update({
            instanceId,
            id,
            ...(name === undefined ? {} : { name }),
            ...(changes === undefined ? {} : { changes }),
          }),
        ),

      rotatePlan: (id, field) =>
        attempt((instanceId) => api.credentials.rotatePlan({ instanceId, id, field })),

      rotate: (id, field, value, reviewedFlowIds) =>
        change((instanceId) =>
          api.credentials.rotate({ instanceId, id, field, value, reviewedFlowIds }),
        ),

      remove: (id, confirmName) =>
        change((instanceId) =>
          api.credentials.delete({
            instanceId,
            id,
            ...(confirmName === undefined ? {} : { confirmName }),
          }),
        ),
    };
  });
}
