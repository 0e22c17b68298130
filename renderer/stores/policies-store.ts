// Rotation policies as the renderer shows them: the maximum ages set on instances and keys, and
// the keys due (or soon due) for rotation. Names, ids and dates only; never a key value.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { Api } from '../../common/ipc/contract.js';
import type { DueReport, PolicyList, PolicyScope } from '../../common/ipc/schemas/policies.js';
import type { StoreError } from './store-error.js';
import type { Outcome } from './store-kit.js';
import { isVaultState, staleGuard } from './store-kit.js';

export interface PoliciesStoreState {
  /** null until loaded, and again once the vault locks. */
  readonly due: DueReport | null;
  readonly policies: PolicyList | null;
  readonly error: StoreError | null;
  /** Subscribes to vault.locked; returns the unsubscribe. */
  connect: () => () => void;
  loadDue: () => Promise<void>;
  loadPolicies: () => Promise<void>;
  /** null removes the policy; the Due list is loaded again after a change. */
  setPolicy: (scope: PolicyScope, maxAgeDays: number | null) => Promise<Outcome<PolicyList>>;
}

export type PoliciesStore = StoreApi<PoliciesStoreState>;

const EMPTY = { due: null, policies: null, error: null } as const;

/** The policy set on exactly this scope (not one inherited), or undefined. */
export function policyOf(list: PolicyList | null, scope: PolicyScope): number | undefined {
  if (list === null) return undefined;
  if (scope.kind === 'instance')
    return list.instances.find((p) => p.instanceId === scope.instanceId)?.maxAgeDays;
  return list.keys.find((p) => p.instanceId === scope.instanceId && p.keyId === scope.keyId)
    ?.maxAgeDays;
}

export function createPoliciesStore(api: Api): PoliciesStore {
  // Bumped on every lock: an answer to a call made before it belongs to a closed session.
  const guard = staleGuard();
  return createStore<PoliciesStoreState>()((set, get) => {
    const failed = (error: StoreError) => (isVaultState(error) ? {} : { error });
    const loadDue = async (): Promise<void> => {
      await guard.attempt(
        () => api.policies.due({}),
        (outcome) => {
          set(outcome.ok ? { due: outcome.value, error: null } : failed(outcome.error));
        },
      );
    };
    return {
      ...EMPTY,
      connect: () =>
        api.on('vault.locked', () => {
          guard.bump();
          set(EMPTY);
        }),
      loadDue,
      loadPolicies: async () => {
        await guard.attempt(
          () => api.policies.list(),
          (outcome) => {
            set(outcome.ok ? { policies: outcome.value, error: null } : failed(outcome.error));
          },
        );
      },
      setPolicy: async (scope, maxAgeDays) => {
        const outcome = await guard.attempt(
          () => api.policies.set({ scope, maxAgeDays }),
          (result) => {
            if (result.ok) set({ policies: result.value });
          },
        );
        if (outcome.ok && get().due !== null) await loadDue();
        return outcome;
      },
    };
  });
}
