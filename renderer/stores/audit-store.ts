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
import type { Outcome } from './instances-store.js';
import type { StoreError } from './store-error.js';
import { toStoreError } from './store-error.js';

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

const VAULT_STATES = new Set<string>(['vault_locked', 'vault_missing']);
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
  let session = 0;
  // Bumped on every load, so only the answer to the newest filter is shown.
  let request = 0;

  return createStore<AuditStoreState>()((set, get) => {
    const fail = (caught: unknown, action: AuditStoreAction): StoreError => {
      const error = toStoreError(caught);
      // A locked or missing vault is the vault screens' business, not an error of this page.
      if (!VAULT_STATES.has(error.code)) set({ error: { ...error, action } });
      return error;
    };

    return {
      ...EMPTY,

      connect: () =>
        api.on('vault.locked', () => {
          session++;
          request++;
          set(EMPTY);
        }),

      load: async () => {
        // A lock bumps `request` too, so this one check also drops answers from before it.
        const mine = ++request;
        set({ loading: true });
        try {
          const page = await api.audit.list(toQuery(get().filter));
          if (mine !== request) return;
          set({ records: page.records, total: page.total, loading: false, error: null });
        } catch (caught) {
          if (mine !== request) return;
          set({ loading: false });
          fail(caught, 'load');
        }
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
        const started = session;
        set({ verifying: true, verification: null, error: null });
        try {
          const verification = await api.audit.verify();
          if (started === session) set({ verification, verifying: false });
        } catch (caught) {
          if (started !== session) return;
          set({ verifying: false });
          fail(caught, 'verify');
        }
      },

      exportLog: async () => {
        const started = session;
        set({ exporting: true, error: null });
        try {
          const value = await api.audit.export();
          return { ok: true, value };
        } catch (caught) {
          const error = started === session ? fail(caught, 'export') : toStoreError(caught);
          return { ok: false, error };
        } finally {
          if (started === session) set({ exporting: false });
        }
      },

      clearError: () => {
        set({ error: null });
      },
    };
  });
}
