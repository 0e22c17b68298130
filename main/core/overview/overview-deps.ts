// The ports the overview.* methods use.
import type { Settings } from '../../../common/ipc/schemas/settings.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { InstanceClients } from '../instances/instance-clients.js';
import type { KnownKeys } from '../keys/known-keys.js';
import type { Clock, EventSink, Logger } from '../ports.js';
import type { JournalStore } from '../rotation/rotation-journal.js';
import type { PublicFlows } from '../keys/public-flows.js';
import type { FlowScans } from './flow-scans.js';
import type { OverviewMemo } from './overview-memo.js';
import type { DueFacts } from '../policies/due-list.js';

export interface OverviewDeps {
  clients: InstanceClients;
  known: KnownKeys;
  publicFlows: PublicFlows;
  journals: JournalStore;
  audit: AuditLog;
  settings: () => Settings;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  /** What earlier reports of this unlock learnt of each flow; none when absent. */
  flowScans?: FlowScans;
  /** Rotation policies and last rotations; without it, Settings' keyMaxAgeDays and first-seen
   * dates alone judge a key's age. */
  dueFacts?: () => DueFacts;
  /** What earlier reports of this unlock worked out; none: everything is worked out again. */
  memo?: OverviewMemo;
  /** The vault's revision (Vault.revision): what is read from the vault is kept while it stays. */
  revision?: () => unknown;
  /** Instances fetched at once; the rest wait their turn. */
  concurrency?: number;
}
