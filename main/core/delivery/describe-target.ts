// A target in words, whole: what the audit log keeps and what a person confirms before it runs.
import type { DeliveryCheck, DeliveryTarget } from '../../../common/ipc/schemas/delivery.js';
import { describePipeline } from './command-target.js';
import { DEFAULT_BACKUP_SUFFIX } from './env-target.js';

/** The audit detail's limit (common/ipc/schemas/audit.ts), less room for a prefix. */
const MAX_WORDS = 7900;

function describeCheck(check: DeliveryCheck): string {
  return check.kind === 'http'
    ? `check: ${check.method} ${check.url} with the new key as Bearer, expecting ${String(check.expectStatus)}`
    : `check: ${describePipeline(check.run)}, expecting exit code 0`;
}

export function describeTarget(target: Omit<DeliveryTarget, 'id'>): string {
  const { target: t } = target;
  const parts = [`"${target.label}"`];
  if (t.kind === 'env-file') {
    parts.push(
      `.env file ${t.path}, variable ${t.name}, backup ${t.path}${t.backupSuffix ?? DEFAULT_BACKUP_SUFFIX}`,
    );
  } else {
    parts.push(`command: ${describePipeline(t.run)}`);
    parts.push(t.idempotent ? 'idempotent' : 'not idempotent');
    if (t.rollback !== undefined) parts.push(`rollback: ${describePipeline(t.rollback)}`);
  }
  if (target.check !== undefined) parts.push(describeCheck(target.check));
  const words = parts.join('; ');
  return words.length <= MAX_WORDS ? words : `${words.slice(0, MAX_WORDS)}… (cut)`;
}
