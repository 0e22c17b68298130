// Instances, keys and rotations named on the command line: by name (exact, else the one that
// matches ignoring case) or by id. An ambiguous name is a usage error that lists the candidates.
import type { Api } from '../../common/ipc/contract.js';
import type { InstanceSummary } from '../../common/ipc/schemas/instances.js';
import type { KeySummary } from '../../common/ipc/schemas/keys.js';
import { UsageError } from './exit-codes.js';

function pick<T>(
  items: readonly T[],
  wanted: string,
  id: (item: T) => string,
  name: (item: T) => string,
  what: string,
  describe: (item: T) => string,
): T {
  const byId = items.find((item) => id(item) === wanted);
  if (byId !== undefined) return byId;
  const exact = items.filter((item) => name(item) === wanted);
  const hits =
    exact.length > 0
      ? exact
      : items.filter((item) => name(item).toLowerCase() === wanted.toLowerCase());
  if (hits.length === 1 && hits[0] !== undefined) return hits[0];
  if (hits.length === 0) throw new UsageError(`No ${what} is called "${wanted}".`);
  throw new UsageError(
    `Several ${what}s are called "${wanted}"; name one by its id:\n${hits.map((item) => `  ${describe(item)}`).join('\n')}`,
  );
}

export async function findInstance(api: Api, wanted: string): Promise<InstanceSummary> {
  const { instances } = await api.instances.list();
  return pick(
    instances,
    wanted,
    (i) => i.id,
    (i) => i.name,
    'instance',
    (i) => `${i.id}  ${i.name}  ${i.baseUrl}`,
  );
}

export function findKey(keys: readonly KeySummary[], wanted: string): KeySummary {
  return pick(
    keys,
    wanted,
    (k) => k.id,
    (k) => k.keyName,
    'key',
    (k) =>
      `${k.id}  ${k.keyName}  ${k.masked}  first seen ${new Date(k.firstSeenAt).toISOString().slice(0, 10)}`,
  );
}

/** "90d", "12w" or a bare number of days. */
export function parseDays(text: string): number {
  const match = /^(\d{1,5})\s*([dw]?)$/i.exec(text.trim());
  if (match === null)
    throw new UsageError(`"${text}" is not an age: write a number of days, e.g. 90d (or 12w).`);
  const count = Number(match[1]);
  return match[2]?.toLowerCase() === 'w' ? count * 7 : count;
}
