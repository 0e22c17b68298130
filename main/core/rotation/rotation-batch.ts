// rotation.planMany / startMany / revokeMany: bulk rotation as a layer over the single-key engine.
// Each key gets its own journal (tagged with the batch id), so resume, rollback and reveal work per
// key as before. Keys of one instance go one after another (each cutover stays short and the
// server is not flooded); instances run side by side, a few at a time. A key that fails stops only
// itself. The start and end of each batch go into the audit log, with counts and never a value.
import { AppError, toWireError } from '../../../common/errors.js';
import type {
  BatchKeyRef,
  BatchPlan,
  BatchPlanItem,
  BatchResult,
  BatchResultItem,
  BatchSelection,
} from '../../../common/ipc/schemas/rotation-batch.js';
import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import type { Candidate } from './batch-select.js';
import { selectKeys } from './batch-select.js';
import type { RotationDeps } from './rotation-deps.js';
import { eachLimited } from './each-limited.js';
import { refuseOverlap, refuseTwice } from './rotation-overlap.js';
import { newRotationId, planRotation } from './rotation-plan.js';
import type { RotationService } from './rotation-service.js';
import { canRevoke, toView } from './rotation-view.js';
import { countOf } from '../../../common/words.js';

/** Instances worked on at once. */
const INSTANCES_AT_ONCE = 3;

export interface RotationBatch {
  planMany(selection: BatchSelection): Promise<BatchPlan>;
  startMany(args: { keys: readonly BatchKeyRef[] }): Promise<BatchResult>;
  revokeMany(args: { batchId: string }): Promise<BatchResult>;
}

/** Runs `task` on every item: one instance's items in order, up to INSTANCES_AT_ONCE instances
 * at a time. `task` must not throw; results keep the order of `items`. */
async function perInstance<T extends { instanceId: string }, R>(
  items: readonly T[],
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Map<T, R>();
  const groups = new Map<string, T[]>();
  for (const item of items)
    groups.set(item.instanceId, [...(groups.get(item.instanceId) ?? []), item]);
  await eachLimited([...groups.values()], INSTANCES_AT_ONCE, async (group) => {
    for (const item of group) results.set(item, await task(item));
  });
  return items.map((item) => results.get(item) as R);
}

const failed = (view: RotationView | undefined): boolean => view?.status === 'failed';

export function createRotationBatch(deps: RotationDeps, service: RotationService): RotationBatch {
  const nameOf = (instanceId: string): string =>
    deps.clients.all().find((r) => r.id === instanceId)?.name ?? instanceId;

  async function note(
    batchId: string,
    outcome: 'ok' | 'failed',
    count: number,
    detail: string,
  ): Promise<void> {
    await deps.audit.append({
      action: 'rotation.batch',
      outcome,
      subject: { kind: 'rotation', id: batchId, name: `bulk rotation of ${countOf(count, 'key')}` },
      detail: detail.slice(0, 500),
    });
  }

  async function planOne(candidate: Candidate): Promise<BatchPlanItem> {
    const { key } = candidate;
    if (key === undefined || candidate.error !== undefined) return candidate;
    try {
      refuseOverlap(deps, candidate.instanceId, key);
      const { plan, missing } = await planRotation(
        deps,
        { instanceId: candidate.instanceId, keyId: key.id },
        newRotationId(),
      );
      if (missing.length === 0) return { ...candidate, plan };
      return {
        ...candidate,
        plan,
        error: toWireError(
          new AppError(
            'forbidden',
            `The instance's admin key does not hold ${missing.join(', ')}, so it cannot create the replacement.`,
          ),
        ),
      };
    } catch (error) {
      return { ...candidate, error: toWireError(error) };
    }
  }

  return {
    async planMany(selection) {
      const { candidates, notes } = await selectKeys(deps, selection);
      refuseTwice(deps, candidates);
      return { items: await perInstance(candidates, planOne), notes };
    },

    async startMany({ keys }) {
      refuseTwice(
        deps,
        keys.map((k) => ({ instanceId: k.instanceId, key: { id: k.keyId, name: k.keyId } })),
      );
      const batchId = newRotationId();
      const instances = new Set(keys.map((k) => k.instanceId)).size;
      await note(
        batchId,
        'ok',
        keys.length,
        `start: ${countOf(keys.length, 'key')} on ${countOf(instances, 'instance')}`,
      );
      const items = await perInstance(keys, async (ref): Promise<BatchResultItem> => {
        const base = {
          instanceId: ref.instanceId,
          instanceName: nameOf(ref.instanceId),
          keyId: ref.keyId,
        };
        try {
          return { ...base, rotation: await service.start(ref, batchId) };
        } catch (error) {
          return { ...base, error: toWireError(error) };
        }
      });
      const waiting = items.filter((i) => i.rotation?.status === 'waiting').length;
      const stopped = items.filter((i) => i.rotation?.status === 'failed').length;
      const refused = items.filter((i) => i.rotation === undefined).length;
      await note(
        batchId,
        stopped + refused === 0 ? 'ok' : 'failed',
        keys.length,
        `start ended: ${String(waiting)} waiting in grace, ${String(stopped)} stopped by an error, ${String(refused)} not started`,
      );
      return { batchId, items };
    },

    async revokeMany({ batchId }) {
      const journals = deps.journals
        .all()
        .filter((j) => j.batchId === batchId)
        .sort((a, b) => a.startedAt - b.startedAt);
      if (journals.length === 0)
        throw new AppError('not_found', 'That bulk rotation is not in this vault.', { batchId });
      const ready = journals.filter(canRevoke);
      await note(
        batchId,
        'ok',
        journals.length,
        `revoke: ${countOf(ready.length, 'old key')} to revoke`,
      );
      const items = await perInstance(journals, async (j): Promise<BatchResultItem> => {
        const base = { instanceId: j.instanceId, instanceName: j.instanceName, keyId: j.oldKey.id };
        // The others (still failed, rolled back, already done) are reported as they stand.
        if (!canRevoke(j)) return { ...base, rotation: toView(j) };
        try {
          return { ...base, rotation: await service.revoke({ rotationId: j.id }) };
        } catch (error) {
          return { ...base, error: toWireError(error) };
        }
      });
      const revoked = items.filter((i) => i.rotation?.status === 'done').length;
      const acted = new Set(ready.map((j) => j.id));
      const stopped = items.filter((i) => acted.has(i.rotation?.id ?? '') && failed(i.rotation));
      const errors = items.filter((i) => i.error !== undefined).length;
      await note(
        batchId,
        stopped.length + errors === 0 ? 'ok' : 'failed',
        journals.length,
        `revoke ended: ${String(revoked)} done, ${String(stopped.length + errors)} stopped by an error`,
      );
      return { batchId, items };
    },
  };
}
