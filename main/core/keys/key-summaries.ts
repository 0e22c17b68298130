// Turns Flowise's key rows into what the renderer may see: masked, fingerprinted, with the flows
// bound to each key found through GET /chatflows (the key rows' own flow list carries no ids).
import type { AuditSubject } from '../../../common/ipc/schemas/audit.js';
import type { BoundFlow, Chatflow, KeySummary } from '../../../common/ipc/schemas/keys.js';
import type { ApiKeyRow, ChatflowRow } from '../flowise/flowise-schemas.js';
import { fingerprint, maskKey } from '../flowise/mask.js';
import { vaultMarks } from '../instances/admin-needs.js';
import type { KnownKey } from './known-keys.js';

const FLOW_TYPES = new Set(['CHATFLOW', 'AGENTFLOW', 'MULTIAGENT', 'ASSISTANT']);

export function flowType(type: string): BoundFlow['type'] {
  return FLOW_TYPES.has(type) ? (type as BoundFlow['type']) : 'OTHER';
}

export function flowsByKey(flows: readonly ChatflowRow[]): Map<string, BoundFlow[]> {
  const byKey = new Map<string, BoundFlow[]>();
  for (const flow of flows) {
    if (flow.apikeyid === null) continue;
    const list = byKey.get(flow.apikeyid) ?? [];
    list.push({ id: flow.id, name: flow.name, type: flowType(flow.type) });
    byKey.set(flow.apikeyid, list);
  }
  return byKey;
}

function time(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function summarizeKey(
  instanceId: string,
  row: ApiKeyRow,
  known: KnownKey | undefined,
  bound: readonly BoundFlow[],
  now: number,
  /** The saved instances: a key one of them is saved with is marked as the vault's own. */
  vaultRecords: readonly { adminKey: string }[],
  rotating = false,
): KeySummary {
  const updatedAt = time(row.updatedDate);
  return {
    id: row.id,
    instanceId,
    keyName: row.keyName,
    masked: maskKey(row.apiKey),
    fingerprint: fingerprint(row.apiKey),
    ...(row.permissions === undefined ? {} : { permissions: row.permissions }),
    boundFlows: [...bound],
    firstSeenAt: known?.firstSeenAt ?? now,
    createdHere: known?.createdHere ?? false,
    ...(updatedAt === undefined ? {} : { updatedAt }),
    copyable: true,
    ...vaultMarks(vaultRecords, row),
    ...(rotating ? { rotating } : {}),
  };
}

/** A flow with the key it answers to (by name too, when the key is one the admin key can see). */
export function summarizeChatflow(
  instanceId: string,
  flow: ChatflowRow,
  key: ApiKeyRow | undefined,
): Chatflow {
  const updatedAt = time(flow.updatedDate);
  return {
    id: flow.id,
    instanceId,
    name: flow.name,
    type: flowType(flow.type),
    ...(flow.apikeyid === null ? {} : { keyId: flow.apikeyid }),
    ...(key === undefined ? {} : { keyName: key.keyName }),
    deployed: flow.deployed === true,
    ...(updatedAt === undefined ? {} : { updatedAt }),
  };
}

/** A key as the audit log names it: never the value, only its fingerprint. */
export function keySubject(row: { id: string; keyName: string; apiKey: string }): AuditSubject {
  return {
    kind: 'key' as const,
    id: row.id,
    name: row.keyName,
    fingerprint: fingerprint(row.apiKey),
  };
}
