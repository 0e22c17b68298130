// What the vault remembers about keys: when it first saw each one (Flowise keeps no creation
// date), whether it was created here, and, if the setting allows, the value of keys made here.
import { z } from 'zod';

import type { Vault } from '../vault/vault.js';

const KnownKey = z.object({
  instanceId: z.string(),
  keyId: z.string(),
  keyName: z.string(),
  fingerprint: z.string(),
  firstSeenAt: z.number(),
  createdHere: z.boolean(),
  /** Kept encrypted in the vault so the key can be copied later; never sent to the renderer. */
  value: z.string().optional(),
});
export type KnownKey = z.infer<typeof KnownKey>;

const Section = z.object({ keys: z.array(KnownKey) });
const SECTION = 'keys';

export interface KnownKeys {
  forInstance(instanceId: string): Map<string, KnownKey>;
  find(instanceId: string, keyId: string): KnownKey | undefined;
  /** Adds keys not seen before and refreshes names; returns the instance's records. */
  observe(
    instanceId: string,
    rows: readonly { keyId: string; keyName: string; fingerprint: string }[],
    now: number,
  ): Promise<Map<string, KnownKey>>;
  remember(key: KnownKey): Promise<void>;
  forget(instanceId: string, keyId: string): Promise<void>;
  forgetInstance(instanceId: string): Promise<void>;
}

export function createKnownKeys(vault: Vault): KnownKeys {
  const all = (): KnownKey[] => vault.readSection(SECTION, Section)?.keys ?? [];
  const save = (keys: KnownKey[]): Promise<void> => vault.writeSection(SECTION, { keys });
  const forInstance = (instanceId: string): Map<string, KnownKey> =>
    new Map(
      all()
        .filter((k) => k.instanceId === instanceId)
        .map((k) => [k.keyId, k]),
    );

  return {
    forInstance,
    find: (instanceId, keyId) => forInstance(instanceId).get(keyId),
    async observe(instanceId, rows, now) {
      const known = forInstance(instanceId);
      let changed = false;
      for (const row of rows) {
        const found = known.get(row.keyId);
        if (found === undefined) {
          known.set(row.keyId, { instanceId, ...row, firstSeenAt: now, createdHere: false });
          changed = true;
        } else if (found.keyName !== row.keyName) {
          known.set(row.keyId, { ...found, keyName: row.keyName });
          changed = true;
        }
      }
      if (changed) {
        const others = all().filter((k) => k.instanceId !== instanceId);
        await save([...others, ...known.values()]);
      }
      return known;
    },
    async remember(key) {
      const others = all().filter(
        (k) => !(k.instanceId === key.instanceId && k.keyId === key.keyId),
      );
      await save([...others, key]);
    },
    async forget(instanceId, keyId) {
      await save(all().filter((k) => !(k.instanceId === instanceId && k.keyId === keyId)));
    },
    async forgetInstance(instanceId) {
      await save(all().filter((k) => k.instanceId !== instanceId));
    },
  };
}
