// How fkv shows a rotation: its plan before the yes, its steps as they pass (on a terminal), and
// where it ended. Views carry masks and fingerprints only; the one-time ticket is never printed.
import type { KeyRotationPlan, RotationView } from '../../common/ipc/schemas/rotation.js';
import { countOf } from '../../common/words.js';
import type { CliEvents } from './cli-ports.js';
import { note } from './output.js';

export const REVOKE_WORDS =
  'Once every flow answers with the new key, the old key is deleted and checked to be refused: ' +
  'apps outside Flowise that still use it stop working then. --keep-old keeps it for a grace ' +
  'period instead (end it with fkv rotate --finish <id>).';

/** The targets the new key goes to, each exactly as it will run. */
const targetLines = (targets: NonNullable<KeyRotationPlan['targets']>): string[] =>
  targets.length === 0
    ? []
    : [
        `  ${countOf(targets.length, 'delivery target')}:`,
        ...targets.map((target) => `    ${target.words}`),
      ];

export function planLines(plan: KeyRotationPlan): string[] {
  const flows = plan.flows.map((flow) => flow.name).join(', ');
  return [
    `Rotate "${plan.oldKey.name}" (${plan.oldKey.masked}) on ${plan.instanceName}:`,
    `  replacement: "${plan.newKeyName}", then renamed to "${plan.oldKey.name}"`,
    `  permissions: ${plan.permissions === undefined ? 'full access (this server has no per-key permissions)' : countOf(plan.permissions.length, 'permission') + ' copied'}`,
    `  ${countOf(plan.flows.length, 'flow')} to rebind${flows === '' ? '' : `: ${flows}`}`,
    ...(plan.admin === true
      ? ["  this is the vault's admin key for the instance: the vault switches to the new one"]
      : []),
    ...targetLines(plan.targets ?? []),
    ...plan.warnings.map((warning) => `  note: ${warning}`),
    ...(plan.blocked === undefined ? [] : [`  blocked: ${plan.blocked}`]),
  ];
}

/** Step lines on stderr as the journal is saved, only on a terminal (a log gets the end state). */
export function showProgress(events: CliEvents): () => void {
  if (!process.stderr.isTTY) return () => undefined;
  const shown = new Set<string>();
  return events.subscribe((event, payload) => {
    if (event !== 'rotation.progress') return;
    const view = payload as RotationView;
    for (const { step, state } of view.steps) {
      const id = `${view.id}:${step}:${state}`;
      if ((state === 'done' || state === 'failed') && !shown.has(id)) {
        shown.add(id);
        note(
          `  ${state === 'done' ? '✓' : '✗'} ${view.oldKey.name}: ${step}${state === 'failed' ? ` failed: ${view.error?.message ?? ''}` : ''}`,
        );
      }
    }
  });
}

export function endWords(view: RotationView): string {
  const name = `"${view.oldKey.name}" on ${view.instanceName} (rotation ${view.id})`;
  if (view.status === 'done') return `${name}: done; the old key is deleted and refused.`;
  if (view.status === 'rolled_back')
    return `${name}: rolled back; the flows are on the old key again.`;
  if (view.status === 'waiting' && (view.revokeBlockers ?? []).length > 0)
    return `${name}: the new key is in place; the old key is kept, as a delivery target is not done.`;
  if (view.status === 'waiting')
    return `${name}: the new key is in place; the old key is kept until fkv rotate --finish ${view.id}.`;
  const failed = view.failedStep === undefined ? '' : ` at ${view.failedStep}`;
  return `${name}: stopped${failed}: ${view.error?.message ?? 'interrupted'}. Resume with fkv rotate --resume ${view.id}${view.canRollback ? `, or roll back with fkv rotate --rollback ${view.id}` : ''}.`;
}

/** Each delivery target's result, and what holds revoke back; nothing for a key without targets. */
export function deliveryLines(view: RotationView): string[] {
  const lines = (view.deliveries ?? []).map((d) => {
    const check =
      d.check === undefined
        ? ''
        : `; check ${d.check}${d.checkWords === undefined ? '' : `: ${d.checkWords}`}`;
    return `  "${d.label}": ${d.state}${d.words === undefined ? '' : `: ${d.words}`}${check}`;
  });
  const blockers = view.revokeBlockers ?? [];
  if (blockers.length > 0 && view.status === 'waiting')
    lines.push(
      `  Revoke is held back: ${blockers.join('; ')}. The old key is kept; roll back with fkv rotate --rollback ${view.id}, or retry the delivery in the app.`,
    );
  return lines;
}

/** Waiting in grace on purpose (--keep-old) is fine; failed or still running needs a person. */
export const needsAttention = (view: RotationView, keepOld: boolean): boolean =>
  !(
    view.status === 'done' ||
    view.status === 'rolled_back' ||
    (keepOld && view.status === 'waiting')
  );
