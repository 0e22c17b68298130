// The local audit log: append-only, hash-chained, kept encrypted in the vault. The newest link is
// also noted outside the vault (non-secret), so a log cut back to an older state is noticed too.
// That note only ever goes up: a log cut back and then written to must not look whole again. A cut
// that is found becomes a record of its own, so the log itself keeps the fact once the head moves on.
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
import { sectionQueue } from '../vault/section-queue.js';
import type { Vault } from '../vault/vault.js';
import { findBreak, GENESIS, hashRecord } from './audit-chain.js';

const SECTION = 'audit';
const HEAD_KEY = 'auditHead';
const Section = z.object({ records: z.array(AuditRecord) });
const Head = z.object({ seq: z.number(), hash: z.string() });

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  list(query: AuditQuery): AuditPage;
  /** Also writes an audit.truncated record the first time a cut is found. */
  verify(): Promise<AuditVerification>;
  export(): AuditExport;
  /** A new vault starts a new log: the head the previous vault's log left is no longer its own. */
  startNew(): void;
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

type Head = z.infer<typeof Head>;

/** Names the lost head in the audit.truncated record, so one cut is written down only once. */
const headMark = (head: Head): string => `head:${String(head.seq)}:${head.hash}`;

/** Where the log disagrees with the head this computer last wrote, in words; undefined if not. */
function cutAgainst(all: readonly AuditRecord[], head: Head | undefined): string | undefined {
  if (head === undefined) return undefined;
  const atHead = all[head.seq];
  if (atHead === undefined)
    return `The log ends at record ${String(all.length)}, but this computer last wrote record ${String(head.seq + 1)}: newer records are missing (an older vault file?).`;
  if (atHead.hash !== head.hash)
    return `Record ${String(head.seq + 1)} is not the one this computer wrote: the log was cut back or replaced (an older vault file?).`;
  return undefined;
}

export function createAuditLog({ vault, clock, state, logger, osUser }: AuditDeps): AuditLog {
  const records = (): AuditRecord[] => vault.readSection(SECTION, Section)?.records ?? [];
  // Read, link, write: two appends at once (rotations on two instances, or the app and the fkv
  // command line) would share a link and one would be lost, so they go one at a time, each on the
  // newest saved log.
  const queue = sectionQueue(vault);

  const readHead = (): Head | undefined => {
    const head = Head.safeParse(state.get(HEAD_KEY));
    return head.success ? head.data : undefined;
  };

  /** The cut against the head, and whether an audit.truncated record already names it. */
  function findCut(all: readonly AuditRecord[]) {
    const head = readHead();
    const summary = cutAgainst(all, head);
    if (head === undefined || summary === undefined) return undefined;
    const mark = headMark(head);
    const notedAt = all.find((r) => r.action === 'audit.truncated' && r.subject?.id === mark);
    return { head, summary, mark, notedAt };
  }

  async function noteCut(): Promise<void> {
    const cut = findCut(records());
    if (cut === undefined || cut.notedAt !== undefined) return;
    logger.warn('audit log cut back', { lastWritten: cut.head.seq, count: records().length });
    await appendNow(
      {
        action: 'audit.truncated',
        outcome: 'failed',
        subject: { kind: 'vault', name: 'audit log', id: cut.mark },
        detail: cut.summary,
      },
      false,
    );
  }

  async function appendNow(entry: AuditEntry, checkHead = true): Promise<void> {
    if (checkHead) await noteCut();
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
    // Never lowered: after a cut, the lost head stays until the log has grown past it.
    const head = readHead();
    if (head === undefined || record.seq > head.seq)
      state.set(HEAD_KEY, { seq: record.seq, hash: record.hash });
    logger.info('audit', { action: entry.action, outcome: entry.outcome });
  }

  return {
    append: (entry) => queue(() => appendNow(entry)),
    startNew() {
      state.set(HEAD_KEY, null);
    },
    list(query) {
      const parsed = AuditQuerySchema.parse(query);
      const found = records().filter((r) => matches(r, parsed));
      return { records: found.slice(-parsed.limit).reverse(), total: found.length };
    },
    verify: () =>
      queue(async (): Promise<AuditVerification> => {
        const found = records();
        const brokenAt = findBreak(found);
        if (brokenAt !== undefined)
          return {
            ok: false,
            count: found.length,
            brokenAt,
            summary: `Record ${String(brokenAt + 1)} of ${String(found.length)} does not match the chain: the log was altered from there on.`,
          };
        const cut = findCut(found);
        await noteCut();
        const all = records();
        // A loss, once found, stays part of what the log says about itself: records are gone.
        const notes = all.filter((r) => r.action === 'audit.truncated');
        const latest = notes[notes.length - 1];
        if (latest === undefined)
          return {
            ok: true,
            count: all.length,
            summary: `All ${String(all.length)} records check out.`,
          };
        const where = `Noted as record ${String((cut?.notedAt ?? latest).seq + 1)}.`;
        return {
          ok: false,
          count: all.length,
          summary:
            cut === undefined
              ? `All ${String(all.length)} records link up, but records went missing earlier. ${where}`
              : `${cut.summary} ${where}`,
        };
      }),
    export() {
      const all = records();
      const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
      const json = JSON.stringify({ format: 'flowise-key-vault-audit/1', records: all }, null, 2);
      return { fileName: `flowise-key-vault-audit-${stamp}.json`, json };
    },
  };
}
