// The local audit log: append-only, hash-chained, kept encrypted in the vault. The newest link is
// also noted outside the vault (non-secret), so a log cut back to an older state is noticed too.
import { z } from 'zod';

import type {
  AuditEntry,
  AuditExport,
  AuditPage,
  AuditQuery,
  AuditVerification,
} from '../../../common/ipc/schemas/audit.js';
import { AuditQuery as AuditQuerySchema, AuditRecord } from '../../../common/ipc/schemas/audit.js';
import type { Clock, Logger, StateStore } from '../ports.js';
import { SerialQueue } from '../vault/serial-queue.js';
import type { Vault } from '../vault/vault.js';
import { findBreak, GENESIS, hashRecord } from './audit-chain.js';

const SECTION = 'audit';
const HEAD_KEY = 'auditHead';
const Section = z.object({ records: z.array(AuditRecord) });
const Head = z.object({ seq: z.number(), hash: z.string() });

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  list(query: AuditQuery): AuditPage;
  verify(): AuditVerification;
  export(): AuditExport;
}

export interface AuditDeps {
  vault: Vault;
  clock: Clock;
  state: StateStore;
  logger: Logger;
  osUser: string;
}

function matches(record: AuditRecord, query: z.output<typeof AuditQuerySchema>): boolean {
  if (query.action !== undefined && record.action !== query.action) return false;
  if (query.instanceId !== undefined && record.instanceId !== query.instanceId) return false;
  if (query.text === undefined || query.text === '') return true;
  const needle = query.text.toLowerCase();
  return [record.subject?.name, record.instanceName, record.detail, record.action, record.osUser]
    .filter((v): v is string => v !== undefined)
    .some((v) => v.toLowerCase().includes(needle));
}

export function createAuditLog({ vault, clock, state, logger, osUser }: AuditDeps): AuditLog {
  const records = (): AuditRecord[] => vault.readSection(SECTION, Section)?.records ?? [];
  // Read, link, write: two appends at once (rotations on two instances) would share a link and
  // one would be lost, so they go one at a time.
  const queue = new SerialQueue();

  async function appendNow(entry: AuditEntry): Promise<void> {
    const all = records();
    const last = all[all.length - 1];
    const body = {
      ...entry,
      seq: all.length,
      at: clock.now(),
      osUser,
      prevHash: last?.hash ?? GENESIS,
    };
    const record = { ...body, hash: hashRecord(body) };
    await vault.writeSection(SECTION, { records: [...all, record] });
    state.set(HEAD_KEY, { seq: record.seq, hash: record.hash });
    logger.info('audit', { action: entry.action, outcome: entry.outcome });
  }

  return {
    append: (entry) => queue.run(() => appendNow(entry)),
    list(query) {
      const parsed = AuditQuerySchema.parse(query);
      const found = records().filter((r) => matches(r, parsed));
      return { records: found.slice(-parsed.limit).reverse(), total: found.length };
    },
    verify() {
      const all = records();
      const brokenAt = findBreak(all);
      if (brokenAt !== undefined)
        return {
          ok: false,
          count: all.length,
          brokenAt,
          summary: `Record ${String(brokenAt + 1)} of ${String(all.length)} does not match the chain: the log was altered from there on.`,
        };
      const head = Head.safeParse(state.get(HEAD_KEY));
      const last = all[all.length - 1];
      if (head.success && (last === undefined || head.data.seq > last.seq))
        return {
          ok: false,
          count: all.length,
          summary: `The log ends at record ${String(all.length)}, but this computer last wrote record ${String(head.data.seq + 1)}: newer records are missing (an older vault file?).`,
        };
      return {
        ok: true,
        count: all.length,
        summary: `All ${String(all.length)} records check out.`,
      };
    },
    export() {
      const all = records();
      const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
      const json = JSON.stringify({ format: 'flowise-key-vault-audit/1', records: all }, null, 2);
      return { fileName: `flowise-key-vault-audit-${stamp}.json`, json };
    },
  };
}
