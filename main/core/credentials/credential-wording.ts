// The sentences of the credential features that depend on counts and lists of flows.
import { AppError } from '../../../common/errors.js';
import type { UsageStatus } from '../../../common/ipc/schemas/credentials.js';
import type { BoundFlow } from '../../../common/ipc/schemas/keys.js';
import { countOf, plural } from '../../../common/words.js';

const SHOWN_FLOWS = 5;
const MAX_DETAIL = 500;

/** "a, b and c", or "a, b, c, d, e and 3 more". */
export function flowNames(flows: readonly BoundFlow[]): string {
  const names = flows.slice(0, SHOWN_FLOWS).map((f) => `"${f.name}"`);
  const more = flows.length - names.length;
  if (more > 0) return `${names.join(', ')} and ${String(more)} more`;
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** The audit note of an update: labels of what changed, never a value. */
export function describeUpdate(
  oldName: string | undefined,
  changedLabels: readonly string[],
): string {
  const parts = [
    ...(oldName === undefined ? [] : [`renamed from "${oldName}"`]),
    ...(changedLabels.length === 0 ? [] : [`changed: ${changedLabels.join(', ')}`]),
  ];
  const text = parts.join('; ');
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

/** Deleting a credential that flows use (or may use) needs its name typed as confirmation. */
export function confirmDeletion(
  row: { name: string },
  status: UsageStatus,
  usedBy: readonly BoundFlow[],
  confirmName: string | undefined,
): void {
  if (confirmName === row.name) return;
  if (!status.checked)
    throw new AppError(
      'precondition_failed',
      `Could not check which flows use "${row.name}" (${status.error?.message ?? 'no reason given'}). ` +
        "Type the credential's name to delete it anyway.",
      { usageChecked: false },
    );
  if (usedBy.length > 0)
    throw new AppError(
      'precondition_failed',
      `${countOf(usedBy.length, 'flow')} ${plural(usedBy.length, 'uses', 'use')} "${row.name}": ${flowNames(usedBy)}. ${plural(usedBy.length, 'It', 'They')} will fail ` +
        "until they are given another credential. Type the credential's name to delete it anyway.",
      { usedBy: usedBy.length },
    );
}
