// credentials.list / types / get: the list with type labels and usage, the searchable catalogue,
// and one credential for the edit form, whose secrets show only as set or not.
import type {
  CredentialForEdit,
  CredentialList,
  CredentialRef,
  CredentialTypeCatalogue,
  CredentialTypesArgs,
} from '../../../common/ipc/schemas/credentials.js';
import { fieldsForEdit } from './credential-fields.js';
import { summarizeCredential } from './credential-summaries.js';
import { searchTypes, toTypeEntry } from './credential-types.js';
import { scanUsage } from './credential-usage.js';
import type { CredentialsDeps } from './credentials-deps.js';
import { openCredential } from './credentials-deps.js';

export interface CredentialReads {
  list(args: { instanceId: string }): Promise<CredentialList>;
  types(args: CredentialTypesArgs): Promise<CredentialTypeCatalogue>;
  get(args: CredentialRef): Promise<CredentialForEdit>;
}

export function createCredentialReads(deps: CredentialsDeps): CredentialReads {
  return {
    async list({ instanceId }) {
      const client = deps.clients.client(instanceId);
      const [rows, types, usage] = await Promise.all([
        client.listCredentials(),
        client.listCredentialTypes(),
        scanUsage(client),
      ]);
      const labels = new Map(types.map((t) => [t.name, t.label]));
      return {
        instanceId,
        credentials: rows
          .map((row) =>
            summarizeCredential(
              instanceId,
              row,
              labels.get(row.credentialName),
              usage.flowsOf(row.id),
            ),
          )
          .sort((a, b) => a.name.localeCompare(b.name)),
        usage: usage.status,
        fetchedAt: deps.clock.now(),
      };
    },

    async types({ instanceId, query }) {
      const all = (await deps.clients.client(instanceId).listCredentialTypes()).map(toTypeEntry);
      return { types: searchTypes(all, query), total: all.length };
    },

    async get({ instanceId, id }) {
      const { client, detail, type } = await openCredential(deps, instanceId, id);
      const usage = await scanUsage(client);
      return {
        ...summarizeCredential(instanceId, detail, type?.label, usage.flowsOf(detail.id)),
        ...(type === undefined ? {} : { type }),
        fields: fieldsForEdit(detail.plainDataObj, type),
        usage: usage.status,
      };
    },
  };
}
