// The hash chain: each record's hash covers its content and the previous hash, so an edited,
// dropped or reordered record breaks every link after it.
import { createHash } from 'node:crypto';

import type { AuditRecord } from '../../../common/ipc/schemas/audit.js';

export const GENESIS = '0'.repeat(64);

/** JSON with sorted keys, so the hash does not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonical(record)).digest('hex');
}

/** Returns the seq of the first record that breaks the chain, or undefined when all hold. */
export function findBreak(records: readonly AuditRecord[]): number | undefined {
  let prev = GENESIS;
  let expectedSeq = 0;
  for (const record of records) {
    const { hash, ...rest } = record;
    if (record.seq !== expectedSeq || record.prevHash !== prev || hashRecord(rest) !== hash)
      return record.seq;
    prev = hash;
    expectedSeq++;
  }
  return undefined;
}
