// What the key features share: one place to list an instance's keys with their bound flows.
import type { Settings } from '../../../common/ipc/schemas/settings.js';
import type { AuditSubject } from '../../../common/ipc/schemas/audit.js';
import type { KeySummary } from '../../../common/ipc/schemas/keys.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { ClipboardGuard } from '../clipboard/clipboard-guard.js';
import type { ApiKeyRow, ChatflowRow } from '../flowise/flowise-schemas.js';
import { fingerprint } from '../flowise/mask.js';
import type { InstanceClients } from '../instances/instance-clients.js';
import type { Clock } from '../ports.js';
import type { Vault } from '../vault/vault.js';
import { flowsByKey, summarizeKey } from './key-summaries.js';
import type { KnownKeys } from './known-keys.js';
import type { RevealTickets } from './reveal-tickets.js';

export interface KeysDeps {
  clients: InstanceClients;
  known: KnownKeys;
  tickets: RevealTickets;
  clipboard: ClipboardGuard;
  audit: AuditLog;
  vault: Vault;
  settings: () => Settings;
  clock: Clock;
}

export interface InstanceKeys {
  rows: ApiKeyRow[];
  flows: ChatflowRow[];
  summaries: KeySummary[];
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
  const summaries = rows.map((row) =>
    summarizeKey(instanceId, row, known.get(row.id), bound.get(row.id) ?? [], now),
  );
  return { rows, flows, summaries };
}

export function keySubject(row: { id: string; keyName: string; apiKey: string }): AuditSubject {
  return {
    kind: 'key' as const,
    id: row.id,
    name: row.keyName,
    fingerprint: fingerprint(row.apiKey),
  };
}
