// The ports the keys.* and chatflows.* methods use.
import type { Settings } from '../../../common/ipc/schemas/settings.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { ClipboardGuard } from '../clipboard/clipboard-guard.js';
import type { InstanceClients } from '../instances/instance-clients.js';
import type { Clock } from '../ports.js';
import type { JournalStore } from '../rotation/rotation-journal.js';
import type { Vault } from '../vault/vault.js';
import type { KnownKeys } from './known-keys.js';
import type { PublicFlows } from './public-flows.js';
import type { RevealTickets } from './reveal-tickets.js';

export interface KeysDeps {
  clients: InstanceClients;
  known: KnownKeys;
  publicFlows: PublicFlows;
  tickets: RevealTickets;
  clipboard: ClipboardGuard;
  audit: AuditLog;
  vault: Vault;
  settings: () => Settings;
  clock: Clock;
  /** The ids of an instance's keys that an unfinished rotation replaces. */
  rotatingKeys: (instanceId: string) => ReadonlySet<string>;
  /** Rotation journals: they hold the values of keys being rotated, and own those keys. */
  journals: JournalStore;
}
