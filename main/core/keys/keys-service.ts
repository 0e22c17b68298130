// keys.* reads: an instance's keys, every instance's keys side by side, and the permission picker.
import { toWireError } from '../../../common/errors.js';
import type { AllKeys, KeyList, PermissionCatalog } from '../../../common/ipc/schemas/keys.js';
import type { KeysDeps } from './keys-deps.js';
import { summarizeChatflow } from './key-summaries.js';
import { loadInstanceKeys } from './keys-deps.js';

export interface KeyReads {
  list(args: { instanceId: string }): Promise<KeyList>;
  listAll(): Promise<AllKeys>;
  permissions(args: { instanceId: string }): Promise<PermissionCatalog>;
}

export function createKeyReads(deps: KeysDeps): KeyReads {
  return {
    async list({ instanceId }) {
      const { rows, flows, summaries } = await loadInstanceKeys(deps, instanceId);
      const keyById = new Map(rows.map((row) => [row.id, row]));
      const chatflows = flows.map((flow) =>
        summarizeChatflow(
          instanceId,
          flow,
          flow.apikeyid === null ? undefined : keyById.get(flow.apikeyid),
        ),
      );
      return { instanceId, keys: summaries, chatflows, fetchedAt: deps.clock.now() };
    },
    async listAll() {
      const instances = await Promise.all(
        deps.clients.all().map(async (record) => {
          try {
            const { summaries } = await loadInstanceKeys(deps, record.id);
            return { instanceId: record.id, instanceName: record.name, keys: summaries };
          } catch (error) {
            // One unreachable instance must not hide the others.
            return {
              instanceId: record.id,
              instanceName: record.name,
              keys: [],
              error: toWireError(error),
            };
          }
        }),
      );
      return { instances };
    },
    async permissions({ instanceId }) {
      const client = deps.clients.client(instanceId);
      const { adminKey } = deps.clients.record(instanceId);
      const generation = await client.generation();
      if (generation !== '3.0.13+') {
        const version = await client.version().catch(() => undefined);
        return {
          groups: [],
          adminHeld: [],
          supported: false,
          keyAccess: generation === '3.0.1-3.0.12' ? 'workspace-owner' : 'full',
          ...(version === undefined ? {} : { version }),
        };
      }
      const [groups, rows] = await Promise.all([client.keyPermissions(), client.listKeys()]);
      const own = rows.find((row) => row.apiKey === adminKey);
      return {
        groups: groups.map((group) => ({
          category: group.category,
          permissions: group.permissions.map(({ key, label }) => ({ key, label })),
        })),
        adminHeld: own?.permissions ?? [],
        supported: true,
        keyAccess: 'per-key',
      };
    },
  };
}
