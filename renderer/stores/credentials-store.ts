// The active instance's credentials as main last reported them (summaries: names, types, dates and
// the flows that use them) and its catalog of credential types. No field value is ever kept here:
// what a person types goes from the dialog that holds it straight to the Api, and the edit form's
// copy of a credential (secrets only as "set") lives in that dialog too.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { Api } from '../../common/ipc/contract.js';
import type {
  CredentialForEdit,
  CredentialList,
  CredentialSummary,
  CredentialTypeCatalog,
  FieldInput,
  RotationPlan,
} from '../../common/ipc/schemas/credentials.js';
import type { StoreError } from './store-error.js';
import type { Outcome } from './store-kit.js';
import { shownInstance, staleGuard } from './store-kit.js';

export interface CredentialsStoreState {
  /** The instance whose credentials are shown; null when there is none. */
  readonly instanceId: string | null;
  /** null until loaded, while switching instance, and once the vault locks. */
  readonly list: CredentialList | null;
  readonly listError: StoreError | null;
  /** The type picker's catalog for `instanceId`, loaded on first need. */
  readonly catalog: CredentialTypeCatalog | null;
  /** Subscribes to the vault events; returns the unsubscribe. */
  connect: () => () => void;
  /** Shows another instance (or the same again): loads its credentials. */
  show: (instanceId: string | null) => Promise<void>;
  refresh: () => Promise<void>;
  loadCatalog: () => Promise<Outcome<CredentialTypeCatalog>>;
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

const EMPTY = { instanceId: null, list: null, listError: null, catalog: null } as const;

export function createCredentialsStore(api: Api): CredentialsStore {
  // Bumped on every lock and instance switch: answers to older calls belong to another view.
  const guard = staleGuard();

  return createStore<CredentialsStoreState>()((set, get) => {
    const shown = shownInstance(guard, get, (instanceId) => {
      set({ ...EMPTY, instanceId });
    });

    return {
      ...EMPTY,

      connect: () =>
        api.on('vault.locked', () => {
          guard.bump();
          set(EMPTY);
        }),

      show: shown.show,

      refresh: () =>
        shown.load(
          (instanceId) => api.credentials.list({ instanceId }),
          (outcome) => {
            set(
              outcome.ok ? { list: outcome.value, listError: null } : { listError: outcome.error },
            );
          },
        ),

      loadCatalog: async () => {
        const cached = get().catalog;
        if (cached !== null) return { ok: true, value: cached };
        const current = guard.start();
        const outcome = await shown.attempt((instanceId) => api.credentials.types({ instanceId }));
        if (outcome.ok && current()) set({ catalog: outcome.value });
        return outcome;
      },

      get: (id) => shown.attempt((instanceId) => api.credentials.get({ instanceId, id })),

      create: (credentialName, name, data) =>
        shown.change((instanceId) =>
          api.credentials.create({ instanceId, credentialName, name, data }),
        ),

      update: (id, { name, changes }) =>
        shown.change((instanceId) =>
          api.credentials.update({
            instanceId,
            id,
            ...(name === undefined ? {} : { name }),
            ...(changes === undefined ? {} : { changes }),
          }),
        ),

      rotatePlan: (id, field) =>
        shown.attempt((instanceId) => api.credentials.rotatePlan({ instanceId, id, field })),

      rotate: (id, field, value, reviewedFlowIds) =>
        shown.change((instanceId) =>
          api.credentials.rotate({ instanceId, id, field, value, reviewedFlowIds }),
        ),

      remove: (id, confirmName) =>
        shown.change((instanceId) =>
          api.credentials.delete({
            instanceId,
            id,
            ...(confirmName === undefined ? {} : { confirmName }),
          }),
        ),
    };
  });
}
