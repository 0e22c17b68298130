// The ports the rotation.* methods and the engine's steps use.
import type { Settings } from '../../../common/ipc/schemas/settings.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { HostDeliveryPorts } from '../delivery/deliver.js';
import type { TargetStore } from '../delivery/target-store.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import type { InstanceClients } from '../instances/instance-clients.js';
import type { KnownKeys } from '../keys/known-keys.js';
import type { RevealTickets } from '../keys/reveal-tickets.js';
import type { Clock, EventSink } from '../ports.js';
import type { DueFacts } from '../policies/due-list.js';
import type { PolicyStore } from '../policies/policy-store.js';
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
  /** Each key's delivery targets; a rotation takes a copy when it starts. */
  targets: TargetStore;
  /** Maximum ages; a rotation's new key keeps the old key's. */
  policies: PolicyStore;
  /** The keys a bulk "due" selection takes: judged from the vault's dates and the policies. */
  dueFacts: () => DueFacts;
  /** Files, commands (each run confirmed first) and HTTP for deliveries; absent where the host
   * offers none. */
  delivery?: HostDeliveryPorts | undefined;
  /** Rebinds in flight at once; 8 keeps the cutover short without flooding the server. */
  concurrency?: number | undefined;
}
