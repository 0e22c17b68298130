// The Flowise instances as main last reported them: summaries only. Drafts and patches, which may
// carry an admin key, go straight from the caller to the Api and are never written into the state.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { Api } from '../../common/ipc/contract.js';
import type {
  ConnectionReport,
  InstanceDraft,
  InstanceList,
  InstancePatch,
  InstanceReauth,
  InstanceSummary,
  PinCertificateArgs,
} from '../../common/ipc/schemas/instances.js';
import type { StoreError } from './store-error.js';
import type { Outcome } from './store-kit.js';
import { attempt, errorOf, isVaultState, staleGuard } from './store-kit.js';

export type InstancesAction =
  | 'load'
  | 'add'
  | 'update'
  | 'remove'
  | 'reorder'
  | 'setActive'
  | 'test'
  | 'testDraft'
  | 'testEdit'
  | 'pinCertificate';

export interface InstancesError extends StoreError {
  /** Which action failed, so the list and the dialogs each show only their own errors. */
  readonly action: InstancesAction;
}

export interface InstancesStoreState {
  /** null until loaded, and again once the vault locks. */
  readonly instances: readonly InstanceSummary[] | null;
  readonly activeId: string | null;
  /** Ids whose connection test is under way. */
  readonly testing: readonly string[];
  /** A change to the list (add, remove, reorder, make active) is under way. */
  readonly busy: boolean;
  readonly error: InstancesError | null;
  /** Subscribes to instances.changed and the vault events, and loads; returns the unsubscribe. */
  connect: () => () => void;
  load: () => Promise<void>;
  add: (draft: InstanceDraft) => Promise<Outcome<InstanceSummary>>;
  /** A new address or trust without a typed key needs `reauth` (main answers reauth_required). */
  update: (
    id: string,
    patch: InstancePatch,
    reauth?: InstanceReauth,
  ) => Promise<Outcome<InstanceSummary>>;
  remove: (id: string) => Promise<StoreError | null>;
  /** Moves an instance one place up (-1) or down (+1). */
  move: (id: string, by: -1 | 1) => Promise<StoreError | null>;
  setActive: (id: string) => Promise<StoreError | null>;
  /** Tests a saved instance; the report is kept on its summary. */
  test: (id: string) => Promise<Outcome<ConnectionReport>>;
  /** Tests a form before saving; the report is handed back and not kept. */
  testDraft: (draft: InstanceDraft) => Promise<Outcome<ConnectionReport>>;
  /** The saved instance with the form's changes, nothing saved; the saved key fills a blank. */
  testEdit: (
    id: string,
    patch: InstancePatch,
    reauth?: InstanceReauth,
  ) => Promise<Outcome<ConnectionReport>>;
  /** Re-pins a saved instance to the certificate its address presents now. */
  pinCertificate: (id: string, args: PinCertificateArgs) => Promise<Outcome<InstanceSummary>>;
  clearError: () => void;
}

export type InstancesStore = StoreApi<InstancesStoreState>;

const EMPTY = { instances: null, activeId: null, testing: [], busy: false, error: null } as const;

/** Leaves the confirmation out when there is none: over IPC a trailing undefined becomes null,
 * which the contract refuses. */
function withReauth<T>(
  reauth: InstanceReauth | undefined,
  call: (id: string, patch: InstancePatch, reauth?: InstanceReauth) => Promise<T>,
  id: string,
  patch: InstancePatch,
): Promise<T> {
  return reauth === undefined ? call(id, patch) : call(id, patch, reauth);
}

export function createInstancesStore(api: Api): InstancesStore {
  // Bumped on every lock: an answer to a call made before it belongs to a closed session.
  const guard = staleGuard();
  // Bumped on every list applied, so a slow load cannot undo a newer list.
  const lists = staleGuard();
  let pending = 0;

  return createStore<InstancesStoreState>()((set, get) => {
    const applyList = (list: InstanceList): void => {
      lists.bump();
      set({ instances: list.instances, activeId: list.activeId ?? null });
    };
    const replace = (summary: InstanceSummary): void => {
      const { instances } = get();
      if (instances === null) return;
      set({ instances: instances.map((i) => (i.id === summary.id ? summary : i)) });
    };

    /** An action of the list: its error is kept with its name, and a change marks the list busy. */
    async function act<T>(
      action: InstancesAction,
      call: () => Promise<T>,
      apply: (value: T) => void,
      marksBusy = true,
    ): Promise<Outcome<T>> {
      const current = guard.start();
      if (marksBusy) pending++;
      set(marksBusy ? { busy: true, error: null } : { error: null });
      const outcome = await attempt(call);
      if (current()) {
        if (outcome.ok) apply(outcome.value);
        else if (!isVaultState(outcome.error)) set({ error: { ...outcome.error, action } });
      }
      if (marksBusy) pending--;
      if (marksBusy && current()) set({ busy: pending > 0 });
      return outcome;
    }

    return {
      ...EMPTY,

      connect: () => {
        const off = [
          api.on('instances.changed', applyList),
          api.on('vault.locked', () => {
            guard.bump();
            pending = 0;
            set(EMPTY);
          }),
          api.on('vault.unlocked', () => void get().load()),
        ];
        void get().load();
        return () => {
          for (const unsubscribe of off) unsubscribe();
        };
      },

      load: async () => {
        const newest = lists.start();
        await act(
          'load',
          () => api.instances.list(),
          (list) => {
            if (newest()) applyList(list);
          },
          false,
        );
      },

      add: (draft) => {
        let list: InstanceList | undefined;
        return act(
          'add',
          async () => {
            const added = await api.instances.add(draft);
            // Main may make the new instance the active one (the first, or one that works while
            // the active one failed its test); ask rather than guess.
            list = await api.instances.list();
            return added;
          },
          () => {
            if (list !== undefined) applyList(list);
          },
        );
      },

      update: (id, patch, reauth) =>
        act('update', () => withReauth(reauth, api.instances.update, id, patch), replace),

      pinCertificate: (id, args) =>
        act('pinCertificate', () => api.instances.pinCertificate(id, args), replace, false),

      remove: async (id) =>
        errorOf(
          await act(
            'remove',
            async () => {
              await api.instances.remove(id);
              // Main picks the next active instance; ask rather than guess.
              return api.instances.list();
            },
            applyList,
          ),
        ),

      move: async (id, by) => {
        const ids = (get().instances ?? []).map((i) => i.id);
        const from = ids.indexOf(id);
        const other = ids[from + by];
        if (from === -1 || other === undefined) return null;
        ids[from + by] = id;
        ids[from] = other;
        return errorOf(await act('reorder', () => api.instances.reorder(ids), applyList));
      },

      setActive: async (id) =>
        errorOf(
          await act(
            'setActive',
            () => api.instances.setActive(id),
            () => {
              set({ activeId: id });
            },
          ),
        ),

      test: async (id) => {
        set({ testing: [...get().testing, id] });
        try {
          return await act(
            'test',
            () => api.instances.test(id),
            (lastCheck) => {
              const found = get().instances?.find((i) => i.id === id);
              if (found !== undefined) replace({ ...found, lastCheck });
            },
            false,
          );
        } finally {
          set({ testing: get().testing.filter((t) => t !== id) });
        }
      },

      testDraft: (draft) =>
        act(
          'testDraft',
          () => api.instances.testDraft(draft),
          () => undefined,
          false,
        ),

      testEdit: (id, patch, reauth) =>
        act(
          'testEdit',
          () => withReauth(reauth, api.instances.testEdit, id, patch),
          () => undefined,
          false,
        ),

      clearError: () => {
        set({ error: null });
      },
    };
  });
}
