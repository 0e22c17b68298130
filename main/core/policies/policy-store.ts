// Maximum ages set on instances and keys, kept in the vault's "policies" section.
import { z } from 'zod';

import { InstancePolicy, KeyPolicy } from '../../../common/ipc/schemas/policies.js';
import type { PolicyList, PolicyScope } from '../../../common/ipc/schemas/policies.js';
import { sectionQueue } from '../vault/section-queue.js';
import type { Vault } from '../vault/vault.js';

const Section = z.object({ instances: z.array(InstancePolicy), keys: z.array(KeyPolicy) });
const SECTION = 'policies';

export interface PolicyStore {
  read(): PolicyList;
  /** null removes it. Returns the maximum age the scope had before (undefined: none). */
  set(scope: PolicyScope, maxAgeDays: number | null): Promise<number | undefined>;
  /** A rotation's new key keeps the old key's policy. */
  moveKey(instanceId: string, fromKeyId: string, toKeyId: string): Promise<void>;
  forgetKey(instanceId: string, keyId: string): Promise<void>;
  forgetInstance(instanceId: string): Promise<void>;
}

const isScope = (p: { instanceId: string; keyId?: string }, scope: PolicyScope): boolean =>
  p.instanceId === scope.instanceId && (scope.kind === 'instance' || p.keyId === scope.keyId);

export function createPolicyStore(vault: Vault): PolicyStore {
  const read = (): PolicyList => vault.readSection(SECTION, Section) ?? { instances: [], keys: [] };
  // Read-modify-write of the whole section, one at a time, on the newest saved vault.
  const queue = sectionQueue(vault);
  const save = (list: PolicyList): Promise<void> => vault.writeSection(SECTION, list);
  const withoutKey = (list: PolicyList, instanceId: string, keyId: string): KeyPolicy[] =>
    list.keys.filter((p) => !(p.instanceId === instanceId && p.keyId === keyId));

  return {
    read,
    set: (scope, maxAgeDays) =>
      queue(async () => {
        const list = read();
        if (scope.kind === 'instance') {
          const before = list.instances.find((p) => isScope(p, scope))?.maxAgeDays;
          const others = list.instances.filter((p) => !isScope(p, scope));
          const instances =
            maxAgeDays === null
              ? others
              : [...others, { instanceId: scope.instanceId, maxAgeDays }];
          await save({ ...list, instances });
          return before;
        }
        const before = list.keys.find((p) => isScope(p, scope))?.maxAgeDays;
        const others = withoutKey(list, scope.instanceId, scope.keyId);
        const keys =
          maxAgeDays === null
            ? others
            : [...others, { instanceId: scope.instanceId, keyId: scope.keyId, maxAgeDays }];
        await save({ ...list, keys });
        return before;
      }),
    moveKey: (instanceId, fromKeyId, toKeyId) =>
      queue(async () => {
        const list = read();
        const moving = list.keys.find((p) => p.instanceId === instanceId && p.keyId === fromKeyId);
        if (moving === undefined || fromKeyId === toKeyId) return;
        const others = withoutKey(
          { ...list, keys: withoutKey(list, instanceId, fromKeyId) },
          instanceId,
          toKeyId,
        );
        await save({ ...list, keys: [...others, { ...moving, keyId: toKeyId }] });
      }),
    forgetKey: (instanceId, keyId) =>
      queue(async () => {
        const list = read();
        const keys = withoutKey(list, instanceId, keyId);
        if (keys.length !== list.keys.length) await save({ ...list, keys });
      }),
    forgetInstance: (instanceId) =>
      queue(async () => {
        const list = read();
        await save({
          instances: list.instances.filter((p) => p.instanceId !== instanceId),
          keys: list.keys.filter((p) => p.instanceId !== instanceId),
        });
      }),
  };
}
