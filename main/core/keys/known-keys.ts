// What the vault remembers about keys: when it first saw each one (Flowise keeps no creation
// date), whether it was created here, and, if the setting allows, the value of keys made here.
import { z } from 'zod';

import { sectionQueue } from '../vault/section-queue.js';
import type { Vault } from '../vault/vault.js';

export const KnownKey = z.object({
  instanceId: z.string(),
  keyId: z.string(),
  keyName: z.string(),
  fingerprint: z.string(),
  firstSeenAt: z.number(),
  createdHere: z.boolean(),
  /** Kept encrypted in the vault so the key can be copied later; never sent to the renderer. */
  value: z.string().optional(),
  /** The first full listing of the instance that no longer showed the key. */
  missingSince: z.number().optional(),
});
export type KnownKey = z.infer<typeof KnownKey>;

const Section = z.object({ keys: z.array(KnownKey) });
const SECTION = 'keys';

export interface KnownKeys {
  forInstance(instanceId: string): Map<string, KnownKey>;
  /** Every instance's records from one read of the vault, by instance id, then key id. */
  byInstance(): Map<string, Map<string, KnownKey>>;
  find(instanceId: string, keyId: string): KnownKey | undefined;
  /** Adds keys not seen before and refreshes names; returns the instance's records. */
  observe(
    instanceId: string,
    rows: readonly { keyId: string; keyName: string; fingerprint: string }[],
    now: number,
  ): Promise<Map<string, KnownKey>>;
  /** After a full listing: marks keys not in `present` missing (keeping the first date), and
   * clears the mark of keys listed again. Returns the instance's records. */
  noticeMissing(
    instanceId: string,
    present: ReadonlySet<string>,
    now: number,
  ): Promise<Map<string, KnownKey>>;
  remember(key: KnownKey): Promise<void>;
  forget(instanceId: string, keyId: string): Promise<void>;
  forgetInstance(instanceId: string): Promise<void>;
}

export function createKnownKeys(vault: Vault): KnownKeys {
  const all = (): KnownKey[] => vault.readSection(SECTION, Section)?.keys ?? [];
  // Read-modify-write of the whole section: two instances observed at once (the all-instances
  // view, a bulk rotation) would otherwise drop each other's records, and first-seen dates.
  const queue = sectionQueue(vault);
  const save = (keys: KnownKey[]): Promise<void> => vault.writeSection(SECTION, { keys });
  const forInstance = (instanceId: string): Map<string, KnownKey> =>
    new Map(
      all()
        .filter((k) => k.instanceId === instanceId)
        .map((k) => [k.keyId, k]),
    );

  return {
    forInstance,
    byInstance() {
      const result = new Map<string, Map<string, KnownKey>>();
      for (const k of all()) {
        const keys = result.get(k.instanceId) ?? new Map<string, KnownKey>();
        keys.set(k.keyId, k);
        result.set(k.instanceId, keys);
      }
      return result;
    },
    find: (instanceId, keyId) => forInstance(instanceId).get(keyId),
    observe: (instanceId, rows, now) =>
      queue(async () => {
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
      }),
    noticeMissing: (instanceId, present, now) =>
      queue(async () => {
        const known = forInstance(instanceId);
        let changed = false;
        for (const [keyId, key] of known) {
          const listed = present.has(keyId);
          if (listed === (key.missingSince === undefined)) continue;
          if (listed) {
            const back = { ...key };
            delete back.missingSince;
            known.set(keyId, back);
          } else known.set(keyId, { ...key, missingSince: now });
          changed = true;
        }
        if (changed) {
          const others = all().filter((k) => k.instanceId !== instanceId);
          await save([...others, ...known.values()]);
        }
        return known;
      }),
    remember: (key) =>
      queue(async () => {
        const others = all().filter(
          (k) => !(k.instanceId === key.instanceId && k.keyId === key.keyId),
        );
        await save([...others, key]);
      }),
    forget: (instanceId, keyId) =>
      queue(() => save(all().filter((k) => !(k.instanceId === instanceId && k.keyId === keyId)))),
    forgetInstance: (instanceId) =>
      queue(() => save(all().filter((k) => k.instanceId !== instanceId))),
  };
}
