// delivery.*: a key's targets. Adding or changing one needs the master password every time, since a
// target decides where a key goes and what runs with it; each change is audited with the whole
// definition (paths, commands, checks; never a key value, which a definition never holds).
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { AuditEntry } from '../../../common/ipc/schemas/audit.js';
import type { DeliveryTarget } from '../../../common/ipc/schemas/delivery.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { KnownKeys } from '../keys/known-keys.js';
import { describeTarget } from './describe-target.js';
import type { TargetStore } from './target-store.js';

export interface DeliveryMethodsDeps {
  store: TargetStore;
  /** Rejects with wrong_password, or vault_locked. */
  verifyPassword: (password: string) => Promise<void>;
  audit: AuditLog;
  known: KnownKeys;
  /** The instance's name for the audit record; undefined once it is gone. */
  instanceName: (instanceId: string) => string | undefined;
}

export function createDeliveryMethods(deps: DeliveryMethodsDeps): ApiImpl['delivery'] {
  const { store, audit } = deps;

  function record(
    action: AuditEntry['action'],
    instanceId: string,
    keyId: string,
    detail: string,
  ): Promise<void> {
    const key = deps.known.find(instanceId, keyId);
    const instanceName = deps.instanceName(instanceId);
    return audit.append({
      action,
      outcome: 'ok',
      instanceId,
      ...(instanceName === undefined ? {} : { instanceName }),
      subject: {
        kind: 'key',
        id: keyId,
        name: key?.keyName ?? keyId,
        ...(key === undefined ? {} : { fingerprint: key.fingerprint }),
      },
      detail,
    });
  }

  const full = (target: DeliveryTarget): string => `${target.id} ${describeTarget(target)}`;

  return {
    list: ({ instanceId, keyId }) => Promise.resolve({ targets: store.list(instanceId, keyId) }),
    async add({ instanceId, keyId, draft, password }) {
      await deps.verifyPassword(password);
      const target = await store.add(instanceId, keyId, draft);
      await record('delivery.target_add', instanceId, keyId, full(target));
      return target;
    },
    async update({ instanceId, keyId, targetId, draft, password }) {
      await deps.verifyPassword(password);
      const { before, after } = await store.update(instanceId, keyId, targetId, draft);
      await record(
        'delivery.target_update',
        instanceId,
        keyId,
        `${full(after)}; was: ${describeTarget(before)}`,
      );
      return after;
    },
    async remove({ instanceId, keyId, targetId }) {
      const removed = await store.remove(instanceId, keyId, targetId);
      await record('delivery.target_remove', instanceId, keyId, full(removed));
    },
  };
}
