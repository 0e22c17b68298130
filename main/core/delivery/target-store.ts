// Each key's delivery targets, kept in the vault (definitions only: paths, variable names,
// commands; never a key value).
import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import { AppError } from '../../../common/errors.js';
import { DeliveryTarget } from '../../../common/ipc/schemas/delivery.js';
import type { TargetDraft } from '../../../common/ipc/schemas/delivery.js';
import { sectionQueue } from '../vault/section-queue.js';
import type { Vault } from '../vault/vault.js';

export const KeyRecord = z.object({
  instanceId: z.string(),
  keyId: z.string(),
  targets: z.array(DeliveryTarget),
});
type KeyRecord = z.infer<typeof KeyRecord>;

const Section = z.object({ keys: z.array(KeyRecord) });
const SECTION = 'delivery';

/** A key has a handful of targets; past this it is a mistake or a script. */
export const MAX_TARGETS_PER_KEY = 20;

export interface TargetStore {
  list(instanceId: string, keyId: string): DeliveryTarget[];
  add(instanceId: string, keyId: string, draft: TargetDraft): Promise<DeliveryTarget>;
  /** Returns the definition before and after. */
  update(
    instanceId: string,
    keyId: string,
    targetId: string,
    draft: TargetDraft,
  ): Promise<{ before: DeliveryTarget; after: DeliveryTarget }>;
  remove(instanceId: string, keyId: string, targetId: string): Promise<DeliveryTarget>;
  /** A rotation's new key takes over the old key's targets (after those it may have already). */
  move(instanceId: string, fromKeyId: string, toKeyId: string): Promise<void>;
  forgetInstance(instanceId: string): Promise<void>;
}

const same = (r: KeyRecord, instanceId: string, keyId: string): boolean =>
  r.instanceId === instanceId && r.keyId === keyId;

function notFound(targetId: string): AppError {
  return new AppError('not_found', 'That delivery target no longer exists.', { targetId });
}

export function createTargetStore(vault: Vault): TargetStore {
  const all = (): KeyRecord[] => vault.readSection(SECTION, Section)?.keys ?? [];
  const queue = sectionQueue(vault);
  const list = (instanceId: string, keyId: string): DeliveryTarget[] =>
    all().find((r) => same(r, instanceId, keyId))?.targets ?? [];
  const save = (instanceId: string, keyId: string, targets: DeliveryTarget[]): Promise<void> => {
    const others = all().filter((r) => !same(r, instanceId, keyId));
    const keys = targets.length === 0 ? others : [...others, { instanceId, keyId, targets }];
    return vault.writeSection(SECTION, { keys });
  };

  return {
    list,
    add: (instanceId, keyId, draft) =>
      queue(async () => {
        const targets = list(instanceId, keyId);
        if (targets.length >= MAX_TARGETS_PER_KEY) {
          throw new AppError(
            'bad_request',
            `A key can have at most ${String(MAX_TARGETS_PER_KEY)} delivery targets.`,
          );
        }
        const target = { ...draft, id: randomBytes(6).toString('hex') };
        await save(instanceId, keyId, [...targets, target]);
        return target;
      }),
    update: (instanceId, keyId, targetId, draft) =>
      queue(async () => {
        const targets = list(instanceId, keyId);
        const before = targets.find((t) => t.id === targetId);
        if (before === undefined) throw notFound(targetId);
        const after = { ...draft, id: targetId };
        await save(
          instanceId,
          keyId,
          targets.map((t) => (t.id === targetId ? after : t)),
        );
        return { before, after };
      }),
    remove: (instanceId, keyId, targetId) =>
      queue(async () => {
        const targets = list(instanceId, keyId);
        const removed = targets.find((t) => t.id === targetId);
        if (removed === undefined) throw notFound(targetId);
        await save(
          instanceId,
          keyId,
          targets.filter((t) => t.id !== targetId),
        );
        return removed;
      }),
    move: (instanceId, fromKeyId, toKeyId) =>
      queue(async () => {
        const moving = list(instanceId, fromKeyId);
        if (moving.length === 0 || fromKeyId === toKeyId) return;
        const others = all().filter(
          (r) => !same(r, instanceId, fromKeyId) && !same(r, instanceId, toKeyId),
        );
        const targets = [...list(instanceId, toKeyId), ...moving];
        await vault.writeSection(SECTION, {
          keys: [...others, { instanceId, keyId: toKeyId, targets }],
        });
      }),
    forgetInstance: (instanceId) =>
      queue(() =>
        vault.writeSection(SECTION, { keys: all().filter((r) => r.instanceId !== instanceId) }),
      ),
  };
}
