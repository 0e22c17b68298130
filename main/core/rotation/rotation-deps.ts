// What the rotation engine works with, and the small helpers its steps share.
import type { Settings } from '../../../common/ipc/schemas/settings.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import { createFlowiseClient } from '../flowise/flowise-client.js';
import type { InstanceClients } from '../instances/instance-clients.js';
import type { InstanceStore } from '../instances/instance-store.js';
import { profileOf } from '../instances/instances-service.js';
import type { KnownKeys } from '../keys/known-keys.js';
import type { RevealTickets } from '../keys/reveal-tickets.js';
import type { Clock, EventSink, HttpPort } from '../ports.js';
import type { Vault } from '../vault/vault.js';
import type { JournalStore } from './rotation-journal.js';

/**
 * Test seam: called at named points (e.g. "create:posted", after the key exists on the server but
 * before the journal knows it). A test throws here, and cuts the core off, to play a crash.
 */
export interface RotationHooks {
  at(point: string): void | Promise<void>;
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

/** Runs `task` over `items`, at most `limit` at a time; every item is tried, then the first error
 * (if any) is thrown, so the caller knows exactly which items went through. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await task(item);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (errors.length > 0) throw errors[0];
}
