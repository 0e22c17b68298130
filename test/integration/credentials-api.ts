// credentials.* as a renderer calls it: through checked handlers
// built from the same method table, arguments and results validated. Every envelope is kept, so a
// test can scan exactly what a renderer would have received.
import { createLocalApi } from '../../common/ipc/client.js';
import { contract as appContract } from '../../common/ipc/contract.js';
import type { ApiOf, Envelope } from '../../common/ipc/define.js';
import { createCredentialsMethods } from '../../main/core/credentials/credentials-methods.js';
import type { CredentialsDeps } from '../../main/core/credentials/credentials-deps.js';
import { createFlowiseClient } from '../../main/core/flowise/flowise-client.js';
import type { HttpPort } from '../../main/core/ports.js';
import type { InstanceRecord } from '../../main/core/instances/instance-store.js';
import { profileOf } from '../../main/core/instances/instance-profiles.js';

const contract = { methods: { credentials: appContract.methods.credentials }, events: {} } as const;
export type CredentialsApi = ApiOf<typeof contract>['credentials'];

export function checkedCredentialsApi(
  deps: CredentialsDeps,
  returned: Envelope<unknown>[],
): CredentialsApi {
  return createLocalApi(
    contract,
    { credentials: createCredentialsMethods(deps) },
    {
      around: async (_channel, _args, send) => {
        const envelope = await send();
        returned.push(envelope);
        return envelope;
      },
    },
  ).credentials;
}

/** An instance profile as the vault would hold it. */
export function instanceRecord(
  id: string,
  name: string,
  baseUrl: string,
  adminKey: string,
): InstanceRecord {
  return {
    id,
    name,
    baseUrl,
    adminKey,
    allowInsecureHttp: false,
    timeoutMs: 30_000,
    colour: '#4f6bed',
    createdAt: 0,
    updatedAt: 0,
  };
}

/** What instance-clients.ts does, over records kept by the test. */
export function clientsOver(
  records: Map<string, InstanceRecord>,
  http: HttpPort,
): CredentialsDeps['clients'] {
  const record = (id: string): InstanceRecord => {
    const found = records.get(id);
    if (found === undefined) throw new Error(`no instance ${id}`);
    return found;
  };
  return { record, client: (id) => createFlowiseClient({ http, ...profileOf(record(id)) }) };
}
