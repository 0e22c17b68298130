// The keys.* methods: an instance's keys, every instance's keys side by side, the permission picker,
// and create / update / delete. Permissions are checked against the admin key's own before the
// server is asked (Flowise refuses more with a 400); every change lands in the audit log. Reveal and
// copy, which share their re-auth window with chatflows.copySnippet, are key-copy.ts.
import { AppError, isAppError, toWireError } from '../../../common/errors.js';
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type {
  CreatedKey,
  CreateKeyArgs,
  KeySummary,
  MissingKey,
} from '../../../common/ipc/schemas/keys.js';
import type { AuditEntry, AuditSubject } from '../../../common/ipc/schemas/audit.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import type { ApiKeyRow, ChatflowRow } from '../flowise/flowise-schemas.js';
import type { InstanceClients } from '../instances/instance-clients.js';
import { vaultHolder } from '../instances/admin-needs.js';
import { fingerprint } from '../flowise/mask.js';
import type { KeyCopy } from './key-copy.js';
import { flowsByKey, keySubject, summarizeChatflow, summarizeKey } from './key-summaries.js';
import type { KeysDeps } from './keys-deps.js';
import { forgetMissingKey, missingKeys, reimportKey } from './missing-keys.js';
import { createKeySplit } from './key-split.js';
import { countOf, plural } from '../../../common/words.js';

/** The key an instance is managed with (this one, or another profile of the same server) is
 * not deleted here: the app would lose its way into that server. Rotation replaces it safely. */
function refuseStoredAdminKey(
  clients: InstanceClients,
  row: { keyName: string; apiKey: string },
): void {
  const holder = vaultHolder(clients.all(), row);
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
      `The instance's admin key does not hold ${missing.join(', ')}, so it cannot grant ${plural(missing.length, 'it', 'them')}.`,
      { missing: missing.join(',') },
    );
}

/** A key made here: what keys.create answers, and the audit subject naming it. */
export interface MadeKey {
  created: CreatedKey;
  subject: AuditSubject;
}

/** Makes a key within the admin key's own permissions, remembers it and issues its one-time
 * ticket. Not audited: the caller says what the person did (a creation, or a promotion that
 * names both instances in one record). */
export async function makeKey(
  deps: KeysDeps,
  { instanceId, keyName, permissions }: CreateKeyArgs,
): Promise<MadeKey> {
  const { clients, clock } = deps;
  const client = clients.client(instanceId);
  await checkWithinAdmin(client, clients.record(instanceId).adminKey, permissions);
  const row = await client.createKey({ keyName, permissions });
  const now = clock.now();
  const remembered = {
    instanceId,
    keyId: row.id,
    keyName: row.keyName,
    fingerprint: fingerprint(row.apiKey),
    firstSeenAt: now,
    createdHere: true,
    ...(deps.settings().storeCreatedKeys ? { value: row.apiKey } : {}),
  };
  await deps.known.remember(remembered);
  return {
    created: {
      key: summarizeKey(instanceId, row, remembered, [], now, clients.all()),
      ticket: deps.tickets.issue(row.apiKey, {
        instanceId,
        instanceName: clients.record(instanceId).name,
        keyName: row.keyName,
      }),
    },
    subject: keySubject(row),
  };
}

export interface InstanceKeys {
  rows: ApiKeyRow[];
  flows: ChatflowRow[];
  summaries: KeySummary[];
  /** Keys seen before that this listing no longer shows. */
  missing: MissingKey[];
}

/** Keys and flows of one instance, fetched side by side, with first-seen dates recorded. */
export async function loadInstanceKeys(deps: KeysDeps, instanceId: string): Promise<InstanceKeys> {
  const client = deps.clients.client(instanceId);
  const [rows, flows] = await Promise.all([client.listKeys(), client.listChatflows()]);
  const now = deps.clock.now();
  const known = await deps.known.observe(
    instanceId,
    rows.map((row) => ({
      keyId: row.id,
      keyName: row.keyName,
      fingerprint: fingerprint(row.apiKey),
    })),
    now,
  );
  const bound = flowsByKey(flows);
  const rotating = deps.rotatingKeys(instanceId);
  const summaries = rows.map((row) =>
    summarizeKey(
      instanceId,
      row,
      known.get(row.id),
      bound.get(row.id) ?? [],
      now,
      deps.clients.all(),
      rotating.has(row.id),
    ),
  );
  const missing = await missingKeys(deps, instanceId, rows, bound, await client.generation());
  return { rows, flows, summaries, missing };
}

export function createKeysMethods(deps: KeysDeps, copy: KeyCopy): ApiImpl['keys'] {
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
    async list({ instanceId }) {
      const { rows, flows, summaries, missing } = await loadInstanceKeys(deps, instanceId);
      const keyById = new Map(rows.map((row) => [row.id, row]));
      const chatflows = flows.map((flow) =>
        summarizeChatflow(
          instanceId,
          flow,
          flow.apikeyid === null ? undefined : keyById.get(flow.apikeyid),
        ),
      );
      return { instanceId, keys: summaries, chatflows, fetchedAt: deps.clock.now(), missing };
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
    async create(args) {
      try {
        const { created, subject } = await makeKey(deps, args);
        await record({ action: 'key.create', outcome: 'ok', subject }, args.instanceId);
        return created;
      } catch (error) {
        return failed('key.create', args.instanceId, args.keyName, error);
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
        return summarizeKey(
          instanceId,
          row,
          seen.get(keyId),
          flows,
          clock.now(),
          clients.all(),
          deps.rotatingKeys(instanceId).has(keyId),
        );
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
            `${countOf(bound.length, 'flow')} ${plural(bound.length, 'uses', 'use')} "${row.keyName}" and will answer 401 until rebound. Type the key's name to delete it anyway.`,
            { boundFlows: bound.length },
          );
        await client.deleteKey(keyId);
        await known.forget(instanceId, keyId);
        const detail =
          bound.length > 0
            ? `${countOf(bound.length, 'flow')} ${plural(bound.length, 'was', 'were')} bound to it`
            : undefined;
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
    reimport: ({ instanceId, keyId }) => reimportKey(deps, instanceId, keyId),
    forgetMissing: ({ instanceId, keyId }) => forgetMissingKey(deps, instanceId, keyId),
    reveal: (args) => copy.reveal(args),
    copy: (args) => copy.copy(args),
    split: createKeySplit(deps),
  };
}
