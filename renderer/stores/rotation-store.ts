// Every rotation journal as main last reported it, kept live by the progress events. A view never
// carries a key value; the one-time reveal ticket that some answers hold goes back to the caller
// and is never kept here.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { Api } from '../../common/ipc/contract.js';
import type {
  KeyRotationPlan,
  RotationView,
  StartRotationArgs,
} from '../../common/ipc/schemas/rotation.js';
import type {
  BatchKeyRef,
  BatchPlan,
  BatchResult,
  BatchSelection,
} from '../../common/ipc/schemas/rotation-batch.js';
import type { StoreError } from './store-error.js';
import type { Outcome } from './store-kit.js';
import { attempt, staleGuard } from './store-kit.js';

export interface RotationStoreState {
  /** Newest first; null until loaded, and again once the vault locks. */
  readonly rotations: readonly RotationView[] | null;
  readonly listError: StoreError | null;
  /** Subscribes to the vault and progress events; returns the unsubscribe. */
  connect: () => () => void;
  /** Resolves to the list loaded, or null when it could not be. */
  load: () => Promise<readonly RotationView[] | null>;
  plan: (instanceId: string, keyId: string) => Promise<Outcome<KeyRotationPlan>>;
  /** The answer may hold a ticket for the caller to redeem; the kept copy never does. */
  start: (args: StartRotationArgs) => Promise<Outcome<RotationView>>;
  resume: (rotationId: string) => Promise<Outcome<RotationView>>;
  /** A fresh ticket in grace; main may ask for the master password first (reauth_required). */
  reveal: (rotationId: string, password?: string) => Promise<Outcome<RotationView>>;
  /** `override`: the revoke blockers joined by "; ", as the person confirmed them. */
  revoke: (rotationId: string, override?: string) => Promise<Outcome<RotationView>>;
  /** Delivers to these targets again (and runs their checks), while in grace. */
  retryDelivery: (
    rotationId: string,
    targetIds: readonly string[],
  ) => Promise<Outcome<RotationView>>;
  rollback: (rotationId: string) => Promise<Outcome<RotationView>>;
  /** Bulk: the keys a policy picks, each with its plan or its own error. */
  planMany: (selection: BatchSelection) => Promise<Outcome<BatchPlan>>;
  /** Bulk: like start, per key; the answer's views may hold tickets, the kept copies never. */
  startMany: (keys: readonly BatchKeyRef[]) => Promise<Outcome<BatchResult>>;
  revokeMany: (batchId: string) => Promise<Outcome<BatchResult>>;
}

export type RotationStore = StoreApi<RotationStoreState>;

const EMPTY = { rotations: null, listError: null } as const;

function withoutTicket(view: RotationView): RotationView {
  if (view.ticket === undefined) return view;
  const kept = { ...view };
  delete kept.ticket;
  return kept;
}

/** Unfinished first (newest first among them), then the finished ones, newest first. */
export function orderRotations(rotations: readonly RotationView[]): RotationView[] {
  return [...rotations].sort(
    (a, b) => Number(b.unfinished) - Number(a.unfinished) || b.startedAt - a.startedAt,
  );
}

export function createRotationStore(api: Api): RotationStore {
  // Bumped on every lock: an answer to a call made before it belongs to a closed session.
  const guard = staleGuard();

  return createStore<RotationStoreState>()((set, get) => {
    /** Puts a newer view of a rotation in the list (or adds it); older saves are ignored. */
    function upsert(view: RotationView): void {
      const kept = withoutTicket(view);
      const list = get().rotations ?? [];
      const old = list.find((r) => r.id === kept.id);
      if (old !== undefined && old.updatedAt > kept.updatedAt) return;
      const rest = list.filter((r) => r.id !== kept.id);
      set({ rotations: [kept, ...rest].sort((a, b) => b.startedAt - a.startedAt) });
    }

    const act = (call: () => Promise<RotationView>): Promise<Outcome<RotationView>> =>
      guard.attempt(call, (outcome) => {
        if (outcome.ok) upsert(outcome.value);
      });

    /** Like `act`, for a bulk call: every view it answers with goes into the list. */
    const actMany = <T extends BatchResult>(call: () => Promise<T>): Promise<Outcome<T>> =>
      guard.attempt(call, (outcome) => {
        if (!outcome.ok) return;
        for (const item of outcome.value.items)
          if (item.rotation !== undefined) upsert(item.rotation);
      });

    return {
      ...EMPTY,

      connect: () => {
        const off = [
          api.on('vault.locked', () => {
            guard.bump();
            set(EMPTY);
          }),
          api.on('vault.unlocked', () => void get().load()),
          api.on('rotation.progress', (view) => {
            upsert(view);
          }),
        ];
        return () => {
          for (const unsubscribe of off) unsubscribe();
        };
      },

      load: async () => {
        const current = guard.start();
        const outcome = await attempt(() => api.rotation.list());
        if (!current()) return null;
        if (!outcome.ok) {
          set({ listError: outcome.error });
          return null;
        }
        const kept = outcome.value.rotations.map(withoutTicket);
        set({ rotations: kept, listError: null });
        return kept;
      },

      plan: (instanceId, keyId) => attempt(() => api.rotation.plan({ instanceId, keyId })),
      start: (args) => act(() => api.rotation.start(args)),
      resume: (rotationId) => act(() => api.rotation.resume({ rotationId })),
      reveal: (rotationId, password) =>
        act(() =>
          api.rotation.reveal(password === undefined ? { rotationId } : { rotationId, password }),
        ),
      revoke: (rotationId, override) =>
        act(() =>
          api.rotation.revoke(override === undefined ? { rotationId } : { rotationId, override }),
        ),
      retryDelivery: (rotationId, targetIds) =>
        act(() => api.rotation.retryDelivery({ rotationId, targetIds: [...targetIds] })),
      rollback: (rotationId) => act(() => api.rotation.rollback({ rotationId })),
      planMany: (selection) => attempt(() => api.rotation.planMany(selection)),
      startMany: (keys) => actMany(() => api.rotation.startMany({ keys: [...keys] })),
      revokeMany: (batchId) => actMany(() => api.rotation.revokeMany({ batchId })),
    };
  });
}
