// Opening one credential with its type, read the way the edit form needs it, and the audit of a
// change to one; what every credentials.* method that touches a single credential starts from.
import { isAppError } from '../../../common/errors.js';
import type { AuditEntry } from '../../../common/ipc/schemas/audit.js';
import type { CredentialTypeEntry } from '../../../common/ipc/schemas/credentials.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import type { CredentialDetail } from '../flowise/flowise-schemas.js';
import { explainReadRefusal, sharedRefusal } from './credential-errors.js';
import { toTypeEntry } from './credential-types.js';
import type { CredentialsDeps } from './credentials-deps.js';

/** The type as the server describes it, or undefined when the server does not know it. */
export async function typeOf(
  client: FlowiseClient,
  credentialName: string,
): Promise<CredentialTypeEntry | undefined> {
  try {
    return toTypeEntry(await client.getCredentialType(credentialName));
  } catch (error) {
    if (isAppError(error, 'not_found') || isAppError(error, 'bad_request')) return undefined;
    throw error;
  }
}

export interface OpenedCredential {
  client: FlowiseClient;
  instanceName: string;
  detail: CredentialDetail;
  type: CredentialTypeEntry | undefined;
}

/** GET /credentials/:id with a clear word on a 403, and on a credential shared from elsewhere. */
export async function openCredential(
  deps: CredentialsDeps,
  instanceId: string,
  id: string,
): Promise<OpenedCredential> {
  const client = deps.clients.client(instanceId);
  const instanceName = deps.clients.record(instanceId).name;
  let detail: CredentialDetail;
  try {
    detail = await client.getCredential(id);
  } catch (error) {
    if (isAppError(error, 'not_found')) {
      const row = (await client.listCredentials()).find((r) => r.id === id);
      if (row?.shared === true) throw sharedRefusal(row.name);
    }
    throw explainReadRefusal(error, instanceName);
  }
  if (detail.shared === true) throw sharedRefusal(detail.name);
  return { client, instanceName, detail, type: await typeOf(client, detail.credentialName) };
}

export interface Auditor {
  ok(entry: Omit<AuditEntry, 'outcome' | 'instanceId' | 'instanceName'>): Promise<void>;
  failed(
    action: AuditEntry['action'],
    subject: NonNullable<AuditEntry['subject']>,
    error: unknown,
  ): Promise<void>;
}

/** Appends to the audit log with the instance's name; failures carry only the error's code. */
export function auditor(deps: CredentialsDeps, instanceId: string): Auditor {
  const instanceName = (): string => deps.clients.record(instanceId).name;
  return {
    ok: (entry) =>
      deps.audit.append({ ...entry, outcome: 'ok', instanceId, instanceName: instanceName() }),
    failed: async (action, subject, error) => {
      await deps.audit.append({
        action,
        outcome: 'failed',
        instanceId,
        instanceName: instanceName(),
        subject,
        detail: isAppError(error) ? error.code : 'internal',
      });
    },
  };
}
