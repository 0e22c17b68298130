// The ports the promote.* methods use: the instances' clients, the audit log, and what making a
// key needs (the keys.* deps, for keys-methods.ts's makeKey: a promoted key is made, checked,
// remembered and revealed exactly as one made on the Keys page, and audited once, as a promotion).
import type { PromoteEnd } from '../../../common/ipc/schemas/promote.js';
import type { AuditEntry } from '../../../common/ipc/schemas/audit.js';
import { isAppError } from '../../../common/errors.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import type { KeysDeps } from '../keys/keys-deps.js';

export interface PromoteDeps {
  keys: KeysDeps;
}

export interface End extends PromoteEnd {
  client: FlowiseClient;
  host: string;
}

/** One instance as a promotion names it, with the version its server says it runs. */
export async function openEnd(deps: PromoteDeps, instanceId: string): Promise<End> {
  const client = deps.keys.clients.client(instanceId);
  const name = deps.keys.clients.record(instanceId).name;
  const version = await client.version().catch(() => undefined);
  return {
    instanceId,
    name,
    client,
    host: client.host,
    ...(version === undefined ? {} : { version }),
  };
}

export function endOf(end: End): PromoteEnd {
  return {
    instanceId: end.instanceId,
    name: end.name,
    ...(end.version === undefined ? {} : { version: end.version }),
  };
}

/** "from "dev" (dev.example.com) to "prod" (prod.example.com)": both instances, in every record. */
export function between(from: End, to: End): string {
  return `from "${from.name}" (${from.host}) to "${to.name}" (${to.host})`;
}

/** Appends a promotion record on the target instance; a failure carries only its error code. */
export async function auditPromotion(
  deps: PromoteDeps,
  to: End,
  entry: Omit<AuditEntry, 'instanceId' | 'instanceName' | 'outcome'>,
  error?: unknown,
): Promise<void> {
  const outcome = error === undefined ? 'ok' : 'failed';
  const code = error === undefined ? '' : `${isAppError(error) ? error.code : 'internal'}: `;
  await deps.keys.audit.append({
    ...entry,
    detail: `${code}${entry.detail ?? ''}`,
    outcome,
    instanceId: to.instanceId,
    instanceName: to.name,
  });
}
