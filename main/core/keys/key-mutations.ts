// keys.create / update / delete. Permissions are checked against the admin key's own before the
// server is asked (Flowise refuses more with a 400); every change lands in the audit log.
import { AppError, isAppError } from '../../../common/errors.js';
import type {
  CreateKeyArgs,
  CreatedKey,
  DeleteKeyArgs,
  KeySummary,
  UpdateKeyArgs,
} from '../../../common/ipc/schemas/keys.js';
import type { AuditEntry } from '../../../common/ipc/schemas/audit.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import type { InstanceClients } from '../instances/instance-clients.js';
import { fingerprint } from '../flowise/mask.js';
import { flowsByKey, summarizeKey } from './key-summaries.js';
import type { KeysDeps } from './keys-deps.js';
import { keySubject } from './keys-deps.js';

export interface KeyMutations {
  create(args: CreateKeyArgs): Promise<CreatedKey>;
  update(args: UpdateKeyArgs): Promise<KeySummary>;
  delete(args: DeleteKeyArgs): Promise<void>;
}

/** The key an instance is managed with (this one, or another profile of the same server) is
 * not deleted here: the app would lose its way into that server. Rotation replaces it safely. */
function refuseStoredAdminKey(
  clients: InstanceClients,
  row: { keyName: string; apiKey: string },
): void {
  const holder = clients.all().find((r) => r.adminKey === row.apiKey);
  if (holder !== undefined)
    throw new AppError(
      'precondition_failed',
      `"${row.keyName}" is the admin key this vault uses for "${holder.name}": deleting it would cut the app off from that server. Rotate the admin key instead, or edit "${holder.name}" to use another key first.`,
      { instanceName: holder.name },
    );
}

/** Refuses permissions the admin key lacks, naming them, before Flowise's vaguer 400. */
async function checkWithinAdmin(
  client: FlowiseClient,
  adminKey: string,
  wanted: readonly string[],
): Promise<void> {
  if ((await client.generation()) !== '3.0.13+') return;
  const own = (await client.listKeys()).find((row) => row.apiKey === adminKey);
  if (own?.permissions === undefined) return;
  const held = new Set(own.permissions);
  const missing = wanted.filter((p) => !held.has(p));
  if (missing.length > 0)
    throw new AppError(
      'forbidden',
      `The instance's admin key does not hold ${missing.join(', ')}, so it cannot grant ${missing.length === 1 ? 'it' : 'them'}.`,
      { missing: missing.join(',') },
    );
}

export function createKeyMutations(deps: KeysDeps): KeyMutations {
  const { clients, known, audit, clock } = deps;
  const record = async (entry: AuditEntry, instanceId: string): Promise<void> => {
    await audit.append({ ...entry, instanceId, instanceName: clients.record(instanceId).name });
  };
  const failed = async (
    action: AuditEntry['action'],
    instanceId: string,
    name: string,
    error: unknown,
  ): Promise<never> => {
    const code = isAppError(error) ? error.code : 'internal';
    await record(
      { action, outcome: 'failed', subject: { kind: 'key', name }, detail: code },
      instanceId,
    );
    throw error;
  };

  return {
    async create({ instanceId, keyName, permissions }) {
      const client = clients.client(instanceId);
      try {
        await checkWithinAdmin(client, clients.record(instanceId).adminKey, permissions);
        const row = await client.createKey({ keyName, permissions });
        const now = clock.now();
        const keep = deps.settings().storeCreatedKeys;
        const remembered = {
          instanceId,
          keyId: row.id,
          keyName: row.keyName,
          fingerprint: fingerprint(row.apiKey),
          firstSeenAt: now,
          createdHere: true,
          ...(keep ? { value: row.apiKey } : {}),
        };
        await known.remember(remembered);
        await record({ action: 'key.create', outcome: 'ok', subject: keySubject(row) }, instanceId);
        return {
          key: summarizeKey(instanceId, row, remembered, [], now),
          ticket: deps.tickets.issue(row.apiKey, {
            instanceId,
            instanceName: clients.record(instanceId).name,
            keyName: row.keyName,
          }),
        };
      } catch (error) {
        return failed('key.create', instanceId, keyName, error);
      }
    },

    async update({ instanceId, keyId, keyName, permissions }) {
      const client = clients.client(instanceId);
      try {
        if (permissions !== undefined)
          await checkWithinAdmin(client, clients.record(instanceId).adminKey, permissions);
        const row = await client.updateKey(keyId, { keyName, permissions });
        const seen = await known.observe(
          instanceId,
          [{ keyId, keyName: row.keyName, fingerprint: fingerprint(row.apiKey) }],
          clock.now(),
        );
        const flows = flowsByKey(await client.listChatflows()).get(keyId) ?? [];
        const changes = [
          keyName === undefined ? '' : 'renamed',
          permissions === undefined ? '' : 'permissions changed',
        ];
        await record(
          {
            action: 'key.update',
            outcome: 'ok',
            subject: keySubject(row),
            detail: changes.filter(Boolean).join(', '),
          },
          instanceId,
        );
        return summarizeKey(instanceId, row, seen.get(keyId), flows, clock.now());
      } catch (error) {
        return failed('key.update', instanceId, keyName ?? keyId, error);
      }
    },

    async delete({ instanceId, keyId, confirmName }) {
      const client = clients.client(instanceId);
      const row = (await client.listKeys()).find((r) => r.id === keyId);
      if (row === undefined)
        throw new AppError('not_found', 'That key is already gone from the server.', { keyId });
      try {
        refuseStoredAdminKey(clients, row);
        const bound = flowsByKey(await client.listChatflows()).get(keyId) ?? [];
        if (bound.length > 0 && confirmName !== row.keyName)
          throw new AppError(
            'precondition_failed',
            `${String(bound.length)} flow(s) use "${row.keyName}" and will answer 401 until rebound. Type the key's name to delete it anyway.`,
            { boundFlows: bound.length },
          );
        await client.deleteKey(keyId);
        await known.forget(instanceId, keyId);
        const detail =
          bound.length > 0 ? `${String(bound.length)} flow(s) were bound to it` : undefined;
        await record(
          {
            action: 'key.delete',
            outcome: 'ok',
            subject: keySubject(row),
            ...(detail === undefined ? {} : { detail }),
          },
          instanceId,
        );
      } catch (error) {
        return failed('key.delete', instanceId, row.keyName, error);
      }
    },
  };
}
