// Which flows use a credential. Flowise has no endpoint for it: flows name credentials by id inside
// `flowData` (node.data.credential, inputs.credential, inputs.*.FLOWISE_CREDENTIAL_ID, …). Besides
// those keys, every id-shaped token in the text counts, so a reference in a place this code does
// not know of (or inside a JSON string within the JSON) is still found.
import { toWireError } from '../../../common/errors.js';
import type { UsageStatus } from '../../../common/ipc/schemas/credentials.js';
import type { BoundFlow } from '../../../common/ipc/schemas/keys.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import type { ChatflowRow } from '../flowise/flowise-schemas.js';
import { flowType } from '../keys/key-summaries.js';

const REFERENCE_KEYS = new Set(['credential', 'FLOWISE_CREDENTIAL_ID', 'credentialId']);
const ID_TOKEN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{32}\b/gi;
const MAX_DEPTH = 64;
const FETCH_CONCURRENCY = 4;

function walk(value: unknown, found: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (typeof child === 'string') {
      if (REFERENCE_KEYS.has(key) && child.trim() !== '') found.add(child.trim().toLowerCase());
    } else walk(child, found, depth + 1);
  }
}

/** The ids named under the keys Flowise keeps credential references in, lower-cased; unlike
 * credentialIdsIn, no other id-shaped token (a node's, a document store's) counts. */
export function namedCredentialIds(value: unknown): Set<string> {
  const found = new Set<string>();
  walk(value, found, 0);
  return found;
}

/** Whether a credential id has the shape idTokensIn finds (Flowise's ids all do). */
export const isIdShaped = (id: string): boolean =>
  new RegExp(`^(?:${ID_TOKEN.source})$`, 'i').test(id);

/** Every id-shaped token in the text, lower-cased, added to `found`. For an id-shaped credential
 * id this alone decides whether a flow names it: the keys credentialIdsIn also walks hold the
 * same id as a token of the text. */
export function idTokensIn(text: string, found: Set<string> = new Set()): Set<string> {
  for (const match of text.matchAll(ID_TOKEN)) found.add(match[0].toLowerCase());
  return found;
}

/** Every credential id a flow's flowData names, lower-cased. */
export function credentialIdsIn(flowData: string): Set<string> {
  const found = idTokensIn(flowData);
  try {
    walk(JSON.parse(flowData), found, 0);
  } catch {
    // Not JSON: the id tokens above are all there is to go on.
  }
  return found;
}

export interface CredentialUsage {
  status: UsageStatus;
  /** The flows naming this credential; [] when usage could not be checked. */
  flowsOf(credentialId: string): BoundFlow[];
}

export function usageFromFlows(flows: readonly ChatflowRow[]): CredentialUsage {
  const byCredential = new Map<string, BoundFlow[]>();
  for (const flow of flows) {
    const used = { id: flow.id, name: flow.name, type: flowType(flow.type) };
    for (const id of credentialIdsIn(flow.flowData ?? ''))
      byCredential.set(id, [...(byCredential.get(id) ?? []), used]);
  }
  return {
    status: { checked: true },
    flowsOf: (credentialId) => [...(byCredential.get(credentialId.toLowerCase()) ?? [])],
  };
}

async function withFlowData(client: FlowiseClient, flows: ChatflowRow[]): Promise<ChatflowRow[]> {
  const result = [...flows];
  const missing = flows.flatMap((flow, index) => (flow.flowData === undefined ? [index] : []));
  // Servers that leave flowData out of the list get asked per flow, a few at a time.
  for (let start = 0; start < missing.length; start += FETCH_CONCURRENCY) {
    const batch = missing.slice(start, start + FETCH_CONCURRENCY);
    await Promise.all(
      batch.map(async (index) => {
        const flow = flows[index];
        if (flow !== undefined) result[index] = await client.getChatflow(flow.id);
      }),
    );
  }
  return result;
}

/** Scans every flow; a key without chatflows:view gets an unchecked status, not an error. */
export async function scanUsage(client: FlowiseClient): Promise<CredentialUsage> {
  try {
    return usageFromFlows(await withFlowData(client, await client.listChatflows()));
  } catch (error) {
    return { status: { checked: false, error: toWireError(error) }, flowsOf: () => [] };
  }
}
