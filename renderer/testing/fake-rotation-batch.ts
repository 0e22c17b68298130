// The bulk part of the fake rotation Api: the same selection modes, per-item errors and batch ids
// as main's batch service, played over the fake single-key rotations. An instance can be scripted
// as unreachable, so its error shows as its own item.
import { AppError, toWireError } from '../../common/errors.js';
import type { WireError } from '../../common/errors.js';
import type { Api } from '../../common/ipc/contract.js';
import type {
  BatchPlanItem,
  BatchResultItem,
  BatchSelection,
} from '../../common/ipc/schemas/rotation-batch.js';
import {
  BatchRef,
  BatchSelection as BatchSelectionSchema,
  StartManyArgs,
} from '../../common/ipc/schemas/rotation-batch.js';
import type { FakeCall } from './fake-instances.js';
import { parseArgs } from './fake-instances.js';
import type { FakeRotation } from './fake-rotation.js';

const DAY_MS = 24 * 60 * 60_000;

type BatchApi = Pick<Api['rotation'], 'planMany' | 'startMany' | 'revokeMany'>;

export interface FakeRotationBatchInit {
  keys: Api['keys'];
  rotation: FakeRotation;
  now: () => number;
}

export interface FakeRotationBatch {
  readonly api: BatchApi;
  /** The instance's keys cannot be read until `null` is set again. */
  failInstance(instanceId: string, error: WireError | null): void;
}

export function createFakeRotationBatch(
  call: FakeCall,
  init: FakeRotationBatchInit,
): FakeRotationBatch {
  const down = new Map<string, WireError>();
  let counter = 0;

  function matches(selection: BatchSelection, key: { keyName: string; firstSeenAt: number }) {
    if (selection.mode === 'sameName') return key.keyName === selection.keyName;
    if (selection.mode === 'olderThan')
      return init.now() - key.firstSeenAt >= selection.days * DAY_MS;
    return true;
  }

  async function planMany(selection: BatchSelection): Promise<BatchPlanItem[]> {
    const { instances } = await init.keys.listAll();
    const wanted =
      selection.mode === 'byHand'
        ? new Set(selection.keys.map((k) => k.instanceId))
        : new Set(selection.instanceIds ?? instances.map((i) => i.instanceId));
    const items: BatchPlanItem[] = [];
    for (const instance of instances.filter((i) => wanted.has(i.instanceId))) {
      const base = { instanceId: instance.instanceId, instanceName: instance.instanceName };
      const error = down.get(instance.instanceId);
      if (error !== undefined) {
        items.push({ ...base, error });
        continue;
      }
      const chosen = new Set(
        selection.mode === 'byHand' ? selection.keys.map((k) => k.keyId) : undefined,
      );
      for (const key of instance.keys) {
        if (selection.mode === 'byHand' ? !chosen.has(key.id) : !matches(selection, key)) continue;
        const item = { ...base, key: { id: key.id, name: key.keyName } };
        try {
          const plan = await init.rotation.api.plan({ instanceId: key.instanceId, keyId: key.id });
          items.push({ ...item, plan: { ...plan, instanceName: instance.instanceName } });
        } catch (caught) {
          items.push({ ...item, error: toWireError(caught) });
        }
      }
    }
    return items;
  }

  const api: BatchApi = {
    planMany: (arg) =>
      call('rotation.planMany', async () => ({
        items: await planMany(parseArgs(BatchSelectionSchema, arg, 'rotation.planMany')),
        notes: [],
      })).then((p) => p),
    startMany: (arg) =>
      call('rotation.startMany', async () => {
        const { keys } = parseArgs(StartManyArgs, arg, 'rotation.startMany');
        const batchId = (0xb00000000000 + ++counter).toString(16);
        const items: BatchResultItem[] = [];
        for (const ref of keys) {
          const base = { ...ref, instanceName: ref.instanceId };
          try {
            const error = down.get(ref.instanceId);
            if (error !== undefined) throw new AppError(error.code, error.message);
            items.push({ ...base, rotation: await init.rotation.startInBatch(ref, batchId) });
          } catch (caught) {
            items.push({ ...base, error: toWireError(caught) });
          }
        }
        return { batchId, items };
      }).then((p) => p),
    revokeMany: (arg) =>
      call('rotation.revokeMany', async () => {
        const { batchId } = parseArgs(BatchRef, arg, 'rotation.revokeMany');
        const { rotations } = await init.rotation.api.list();
        const ours = rotations.filter((r) => r.batchId === batchId);
        if (ours.length === 0)
          throw new AppError('not_found', 'That bulk rotation is not in this vault.');
        const items: BatchResultItem[] = [];
        for (const view of ours.reverse()) {
          const base = {
            instanceId: view.instanceId,
            instanceName: view.instanceName,
            keyId: view.oldKey.id,
          };
          if (!view.canRevoke) items.push({ ...base, rotation: view });
          else
            items.push({
              ...base,
              rotation: await init.rotation.api.revoke({ rotationId: view.id }),
            });
        }
        return { batchId, items };
      }).then((p) => p),
  };

  return {
    api,
    failInstance: (instanceId, error) => {
      if (error === null) down.delete(instanceId);
      else down.set(instanceId, error);
    },
  };
}
