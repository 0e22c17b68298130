// policies.*: maximum ages on instances and keys, and the keys they make due. Every change is
// audited with the age before and after.
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { PolicyScope } from '../../../common/ipc/schemas/policies.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { InstanceClients } from '../instances/instance-clients.js';
import type { DueDeps } from './due-list.js';
import { listDue } from './due-list.js';
import type { PolicyStore } from './policy-store.js';

export interface PoliciesMethodsDeps extends DueDeps {
  clients: Pick<InstanceClients, 'all' | 'record'>;
  policies: PolicyStore;
  audit: AuditLog;
  /** A policy changed: what was judged with the old one is stale. */
  onChanged?: () => void;
}

const days = (n: number | null | undefined): string =>
  n === null || n === undefined ? 'none' : `${String(n)} days`;

export function createPoliciesMethods(deps: PoliciesMethodsDeps): ApiImpl['policies'] {
  function subjectOf(scope: PolicyScope) {
    if (scope.kind === 'instance') {
      const record = deps.clients.record(scope.instanceId);
      return { kind: 'instance' as const, id: record.id, name: record.name };
    }
    const key = deps.known.find(scope.instanceId, scope.keyId);
    return {
      kind: 'key' as const,
      id: scope.keyId,
      name: key?.keyName ?? scope.keyId,
      ...(key === undefined ? {} : { fingerprint: key.fingerprint }),
    };
  }

  return {
    list: () => deps.policies.read(),
    async set({ scope, maxAgeDays }) {
      // Refuses an instance that is not in the vault (not_found) before anything is written.
      const instance = deps.clients.record(scope.instanceId);
      const subject = subjectOf(scope);
      const before = await deps.policies.set(scope, maxAgeDays);
      await deps.audit.append({
        action: 'policy.set',
        outcome: 'ok',
        instanceId: instance.id,
        instanceName: instance.name,
        subject,
        detail: `maximum age of the ${scope.kind}: ${days(maxAgeDays)} (was ${days(before)})`,
      });
      deps.onChanged?.();
      return deps.policies.read();
    },
    due: (args) => listDue(deps, args),
  };
}
