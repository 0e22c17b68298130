// What the rotation engine works with, and the small helpers its steps share.
import { AppError, toWireError } from '../../../common/errors.js';
import type { Settings } from '../../../common/ipc/schemas/settings.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import { createFlowiseClient } from '../flowise/flowise-client.js';
import type { InstanceClients } from '../instances/instance-clients.js';
import type { InstanceStore } from '../instances/instance-store.js';
import { profileOf } from '../instances/instance-profiles.js';
import type { KnownKeys } from '../keys/known-keys.js';
import type { RevealTickets } from '../keys/reveal-tickets.js';
import type { Clock, EventSink, HttpPort } from '../ports.js';
import type { Vault } from '../vault/vault.js';
import type { RotationCheckpoint } from './rotation-checkpoints.js';
import type { JournalStore } from './rotation-journal.js';

/**
 * Test seam: called at each checkpoint (rotation-checkpoints.ts; e.g. "create:posted", after the
 * key exists on the server but before the journal knows it). A test throws here, and cuts the core
 * off, or kills the process, to play a crash. The app passes none.
 */
export interface RotationHooks {
  at(point: RotationCheckpoint): void | Promise<void>;
}

export interface RotationDeps {
  clients: InstanceClients;
  /** A client of the instance that authenticates with another key than the admin key. */
  clientWithKey(instanceId: string, apiKey: string): FlowiseClient;
  known: KnownKeys;
  /** Saves another admin key for the instance, as an instance edit does (audited, announced). */
  setAdminKey(instanceId: string, adminKey: string): Promise<void>;
  tickets: RevealTickets;
  audit: AuditLog;
  journals: JournalStore;
  /** For the master-password check before the new key is shown a second time. */
  vault: Vault;
  events: EventSink;
  clock: Clock;
  settings: () => Settings;
  hooks?: RotationHooks | undefined;
  /** Rebinds in flight at once; 8 keeps the cutover short without flooding the server. */
  concurrency?: number | undefined;
}

export function keyedClients(store: InstanceStore, http: HttpPort): RotationDeps['clientWithKey'] {
  return (instanceId, apiKey) =>
    createFlowiseClient({ http, ...profileOf(store.get(instanceId)), apiKey });
}

/** Runs `task` over `items`, at most `limit` at a time; every item is tried. Returns the items
 * whose task threw, each with its error, in the order they failed. */
export async function eachSettled<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<{ item: T; error: unknown }[]> {
  let next = 0;
  const failures: { item: T; error: unknown }[] = [];
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await task(item);
      } catch (error) {
        failures.push({ item, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return failures;
}

/** As eachSettled, then the first error (if any) is thrown, so the caller knows exactly which
 * items went through. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  const [first] = await eachSettled(items, limit, task);
  if (first !== undefined) throw first.error;
}

/** As eachSettled over flows; when any failed, one error names every one of them (the person
 * has to check each), with the first failure's code and reason. */
export async function eachFlow<T extends { name: string }>(
  flows: readonly T[],
  limit: number,
  task: (flow: T) => Promise<void>,
): Promise<void> {
  const failures = await eachSettled(flows, limit, task);
  const [first] = failures;
  if (first === undefined) return;
  const wire = toWireError(first.error);
  const names = failures.map((f) => `"${f.item.name}"`).join(', ');
  throw new AppError(
    wire.code,
    `${String(failures.length)} flow(s) failed: ${names}. ${failures.length > 1 ? 'The first error: ' : ''}${wire.message}`,
    { failedFlows: failures.map((f) => f.item.name).join(', '), failedCount: failures.length },
  );
}
