// The audit log as the Audit page last asked for it: one filtered page of records, newest first,
// and the outcome of the last integrity check. Records hold names and fingerprints, never a value;
// the export's JSON goes straight to the caller and is never kept here.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { Api } from '../../common/ipc/contract.js';
import type {
  AuditAction,
  AuditExport,
  AuditQuery,
  AuditRecord,
  AuditVerification,
} from '../../common/ipc/schemas/audit.js';
import type { StoreError } from './store-error.js';
import type { Outcome } from './store-kit.js';
import { isVaultState, staleGuard } from './store-kit.js';

/** How many records one page shows; older ones are reached by narrowing the filters. */
export const AUDIT_PAGE_SIZE = 500;

export interface AuditFilter {
  readonly action: AuditAction | null;
  readonly instanceId: string | null;
  readonly text: string;
}

export type AuditStoreAction = 'load' | 'verify' | 'export';

export interface AuditError extends StoreError {
  readonly action: AuditStoreAction;
}

export interface AuditStoreState {
  /** null until loaded, and again once the vault locks. */
  readonly records: readonly AuditRecord[] | null;
  /** How many records match the filter, of which `records` holds the newest. */
  readonly total: number;
  readonly filter: AuditFilter;
  readonly loading: boolean;
  readonly verifying: boolean;
  readonly exporting: boolean;
  readonly verification: AuditVerification | null;
  readonly error: AuditError | null;
  /** Subscribes to vault.locked, which empties the store; returns the unsubscribe. */
  connect: () => () => void;
  load: () => Promise<void>;
  /** Forgets the last integrity check and loads again, as when the page is shown. */
  refresh: () => Promise<void>;
  setFilter: (patch: Partial<AuditFilter>) => Promise<void>;
  verify: () => Promise<void>;
  exportLog: () => Promise<Outcome<AuditExport>>;
  clearError: () => void;
}

export type AuditStore = StoreApi<AuditStoreState>;

export const NO_FILTER: AuditFilter = { action: null, instanceId: null, text: '' };

const EMPTY = {
  records: null,
  total: 0,
  filter: NO_FILTER,
  loading: false,
  verifying: false,
  exporting: false,
  verification: null,
  error: null,
} as const;

function toQuery(filter: AuditFilter): AuditQuery {
  const text = filter.text.trim();
  return {
    limit: AUDIT_PAGE_SIZE,
    ...(filter.action === null ? {} : { action: filter.action }),
    ...(filter.instanceId === null ? {} : { instanceId: filter.instanceId }),
    ...(text === '' ? {} : { text }),
  };
}

export function createAuditStore(api: Api): AuditStore {
  // Bumped on every lock: an answer to a call made before it belongs to a closed session.
  const guard = staleGuard();
  // Bumped on every load, so only the answer to the newest filter is shown.
  const loads = staleGuard();

  return createStore<AuditStoreState>()((set, get) => {
    const keepError = (error: StoreError, action: AuditStoreAction): void => {
      if (!isVaultState(error)) set({ error: { ...error, action } });
    };

    return {
      ...EMPTY,

      connect: () =>
        api.on('vault.locked', () => {
          guard.bump();
          loads.bump();
          set(EMPTY);
        }),

      load: async () => {
        // A lock bumps `loads` too, so this one guard also drops answers from before it.
        loads.bump();
        set({ loading: true });
        await loads.attempt(
          () => api.audit.list(toQuery(get().filter)),
          (outcome) => {
            if (outcome.ok) {
              const { records, total } = outcome.value;
              set({ records, total, loading: false, error: null });
            } else {
              set({ loading: false });
              keepError(outcome.error, 'load');
            }
          },
        );
      },

      refresh: async () => {
        set({ verification: null });
        await get().load();
      },

      setFilter: async (patch) => {
        set({ filter: { ...get().filter, ...patch } });
        await get().load();
      },

      verify: async () => {
        set({ verifying: true, verification: null, error: null });
        await guard.attempt(
          () => api.audit.verify(),
          (outcome) => {
            if (outcome.ok) {
              set({ verification: outcome.value, verifying: false });
            } else {
              set({ verifying: false });
              keepError(outcome.error, 'verify');
            }
          },
        );
      },

      exportLog: async () => {
        set({ exporting: true, error: null });
        return guard.attempt(
          () => api.audit.export(),
          (outcome) => {
            if (!outcome.ok) keepError(outcome.error, 'export');
            set({ exporting: false });
          },
        );
      },

      clearError: () => {
        set({ error: null });
      },
    };
  });
}
