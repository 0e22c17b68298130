// keys.split: a key bound to many flows becomes one key per flow, with the old key's permissions,
// and each flow is rebound to its own key, read back like chatflows.bind. There is no journal:
// each new key's name is fixed by the flow ("<key> – <flow>"), a key of that name already on the
// server is reused, and a flow already moved is no longer on the old key, so a split cut short at
// any point (a crash, a refused request) is finished by running it again. Nothing is deleted, so
// no flow can be left on a key that is gone; the old key, bound to nothing at the end, is the
// person's to delete once the apps have moved.
import { AppError, toWireError } from '../../../common/errors.js';
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { BoundFlow, SplitResult } from '../../../common/ipc/schemas/keys.js';
import { fingerprint } from '../flowise/mask.js';
import type { ApiKeyRow, ChatflowRow } from '../flowise/flowise-schemas.js';
import { normaliseKeyName } from '../flowise/keys-api.js';
import { flowsByKey, keySubject, summarizeKey } from './key-summaries.js';
import type { KeysDeps } from './keys-deps.js';

const MAX_NAME = 100;
export const SPLIT_SEPARATOR = ' – ';

/** The new key's name for one flow; flows of the same name on the instance get their id's start,
 * judged over every flow (which a split does not change), so a resumed split names them alike. */
export function splitKeyName(
  oldName: string,
  flow: BoundFlow,
  all: readonly ChatflowRow[],
): string {
  const twins = all.filter((f) => f.name === flow.name).length > 1;
  const suffix = twins ? ` (${flow.id.slice(0, 8)})` : '';
  const base = `${oldName}${SPLIT_SEPARATOR}${flow.name}`.slice(0, MAX_NAME - suffix.length);
  return normaliseKeyName(`${base}${suffix}`);
}

export function createKeySplit(deps: KeysDeps): ApiImpl['keys']['split'] {
  const { clients, audit, clock } = deps;
  return async ({ instanceId, keyId }) => {
    const client = clients.client(instanceId);
    const instanceName = clients.record(instanceId).name;
    const [rows, flows] = await Promise.all([client.listKeys(), client.listChatflows()]);
    const old = rows.find((r) => r.id === keyId);
    if (old === undefined)
      throw new AppError('not_found', 'That key is no longer on the server.', { keyId });
    const bound = flowsByKey(flows).get(keyId) ?? [];
    const resuming = rows.some((r) => r.keyName.startsWith(`${old.keyName}${SPLIT_SEPARATOR}`));
    if (bound.length < 2 && !resuming)
      throw new AppError(
        'precondition_failed',
        `"${old.keyName}" is bound to ${bound.length === 0 ? 'no flow' : 'one flow'}: there is nothing to split.`,
      );
    const byName = new Map(rows.map((r) => [r.keyName, r]));
    const result: SplitResult = { created: [], failed: [] };

    const keyFor = async (flow: BoundFlow): Promise<{ row: ApiKeyRow; ticket?: string }> => {
      const name = splitKeyName(old.keyName, flow, flows);
      const existing = byName.get(name);
      if (existing !== undefined) return { row: existing };
      const row = await client.createKey({ keyName: name, permissions: old.permissions ?? [] });
      byName.set(row.keyName, row);
      await deps.known.remember({
        instanceId,
        keyId: row.id,
        keyName: row.keyName,
        fingerprint: fingerprint(row.apiKey),
        firstSeenAt: clock.now(),
        createdHere: true,
        ...(deps.settings().storeCreatedKeys ? { value: row.apiKey } : {}),
      });
      await audit.append({
        action: 'key.create',
        outcome: 'ok',
        instanceId,
        instanceName,
        subject: keySubject(row),
        detail: `split from ${old.keyName} for the flow ${flow.name}`,
      });
      const ticket = deps.tickets.issue(row.apiKey, {
        instanceId,
        instanceName,
        keyName: row.keyName,
      });
      return { row, ticket };
    };

    // One flow at a time: Flowise 2.x keeps keys in one JSON file that concurrent writes can lose.
    for (const flow of bound) {
      try {
        const { row, ticket } = await keyFor(flow);
        await client.setChatflowKey(flow.id, row.id);
        if ((await client.getChatflow(flow.id)).apikeyid !== row.id)
          throw new AppError(
            'server_error',
            `The server did not keep the new key for "${flow.name}".`,
          );
        await audit.append({
          action: 'chatflow.bind',
          outcome: 'ok',
          instanceId,
          instanceName,
          subject: { kind: 'chatflow', id: flow.id, name: flow.name },
          detail: `bound to key ${row.keyName}, split from ${old.keyName}`,
        });
        const known = deps.known.find(instanceId, row.id);
        result.created.push({
          flow,
          key: summarizeKey(instanceId, row, known, [flow], clock.now(), clients.all()),
          ...(ticket === undefined ? {} : { ticket }),
        });
      } catch (error) {
        result.failed.push({ flow, error: toWireError(error) });
      }
    }
    return result;
  };
}
