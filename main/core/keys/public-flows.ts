// The flows the person left without a key on purpose, remembered in the vault's "publicFlows"
// section so the Overview stops flagging them. Only the flow's id and name: nothing secret.
import { z } from 'zod';

import type { PublicFlow } from '../../../common/ipc/schemas/keys.js';
import { PublicFlow as PublicFlowSchema } from '../../../common/ipc/schemas/keys.js';
import { sectionQueue } from '../vault/section-queue.js';
import type { Vault } from '../vault/vault.js';

const Section = z.object({ flows: z.array(PublicFlowSchema) });
const SECTION = 'publicFlows';

export interface PublicFlows {
  forInstance(instanceId: string): PublicFlow[];
  has(instanceId: string, chatflowId: string): boolean;
  mark(flow: PublicFlow): Promise<void>;
  /** True when the flow was marked. */
  unmark(instanceId: string, chatflowId: string): Promise<boolean>;
  forgetInstance(instanceId: string): Promise<void>;
}

export function createPublicFlows(vault: Vault): PublicFlows {
  const all = (): PublicFlow[] => vault.readSection(SECTION, Section)?.flows ?? [];
  // Read-modify-write of the whole section, one at a time (as known-keys.ts does).
  const queue = sectionQueue(vault);
  const save = (flows: PublicFlow[]): Promise<void> => vault.writeSection(SECTION, { flows });
  const other = (instanceId: string, chatflowId: string) => (f: PublicFlow) =>
    !(f.instanceId === instanceId && f.chatflowId === chatflowId);
  const forInstance = (instanceId: string): PublicFlow[] =>
    all().filter((f) => f.instanceId === instanceId);
  return {
    forInstance,
    has: (instanceId, chatflowId) =>
      forInstance(instanceId).some((f) => f.chatflowId === chatflowId),
    mark: (flow) =>
      queue(() => save([...all().filter(other(flow.instanceId, flow.chatflowId)), flow])),
    unmark: (instanceId, chatflowId) =>
      queue(async () => {
        const flows = all();
        const kept = flows.filter(other(instanceId, chatflowId));
        if (kept.length === flows.length) return false;
        await save(kept);
        return true;
      }),
    forgetInstance: (instanceId) =>
      queue(() => save(all().filter((f) => f.instanceId !== instanceId))),
  };
}
