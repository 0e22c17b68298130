// fkv rotate: one key, every key older than an age, or a journal carried on (resume, rollback,
// finish). The engine and its journal are the app's own, so a rotation started here is offered for
// resume in the app, and the other way round. A plan, then a yes (or --yes), then the steps.
import type { Api } from '../../common/ipc/contract.js';
import type { BatchSelection } from '../../common/ipc/schemas/rotation-batch.js';
import type { RotationView } from '../../common/ipc/schemas/rotation.js';
import { countOf } from '../../common/words.js';
import { confirm } from './confirm.js';
import type { ExitCode } from './exit-codes.js';
import { AttentionError, EXIT, UsageError } from './exit-codes.js';
import { findInstance, findKey, parseDays } from './lookup.js';
import { note, printJson, say } from './output.js';
import {
  deliveryLines,
  endWords,
  needsAttention,
  planLines,
  REVOKE_WORDS,
  showProgress,
} from './rotation-words.js';
import type { OutputOptions } from './status-commands.js';
import { rotationBrief } from './status-commands.js';
import type { Session } from './vault-session.js';
import { withVault } from './vault-session.js';

export interface RotateOptions extends OutputOptions {
  instance?: string[];
  olderThan?: string;
  /** Keys at or past their rotation policy's maximum age. */
  due?: boolean;
  resume?: string | boolean;
  rollback?: string;
  finish?: string;
  /** With --finish: delete the old key although a delivery or its check failed. */
  override?: boolean;
  /** Run again the deliveries of a held rotation that did not succeed, then finish it. */
  retryDelivery?: string;
  yes?: boolean;
  keepOld?: boolean;
}

/** Prints where each rotation ended; exit 5 when one needs a person. */
function report(views: readonly RotationView[], options: RotateOptions): ExitCode {
  if (options.json === true) printJson(views.map(rotationBrief));
  else
    for (const view of views) {
      say(endWords(view));
      for (const line of deliveryLines(view)) say(line);
    }
  const attention = views.some((view) => needsAttention(view, options.keepOld === true));
  if (attention && options.json !== true) note('fkv: a rotation needs attention (exit 5).');
  return attention ? EXIT.attention : EXIT.ok;
}

/** Ends grace unless --keep-old: the old key is deleted and checked to be refused. Not while a
 * delivery target or check failed: the apps reading that target still use the old key. */
async function finishUnlessKept(
  api: Api,
  view: RotationView,
  keepOld: boolean,
): Promise<RotationView> {
  if (keepOld || view.status !== 'waiting' || (view.revokeBlockers ?? []).length > 0) return view;
  return api.rotation.revoke({ rotationId: view.id });
}

async function rotateOne(session: Session, keyName: string, options: RotateOptions) {
  const { api } = session;
  const [instanceName, ...more] = options.instance ?? [];
  if (instanceName === undefined || more.length > 0)
    throw new UsageError(
      "Name the key's instance with one --instance, e.g. fkv rotate deploy --instance prod.",
    );
  const instance = await findInstance(api, instanceName);
  const key = findKey((await api.keys.list({ instanceId: instance.id })).keys, keyName);
  const plan = await api.rotation.plan({ instanceId: instance.id, keyId: key.id });
  for (const line of planLines(plan)) note(line);
  if (plan.blocked !== undefined) throw new AttentionError(plan.blocked);
  if (options.keepOld !== true) note(REVOKE_WORDS);
  await confirm('Rotate this key?', options.yes);
  const stop = showProgress(session.events);
  try {
    const view = await api.rotation.start({ instanceId: instance.id, keyId: key.id });
    return report([await finishUnlessKept(api, view, options.keepOld === true)], options);
  } finally {
    stop();
  }
}

async function rotateMany(session: Session, selection: BatchSelection, options: RotateOptions) {
  const { api } = session;
  const plan = await api.rotation.planMany(selection);
  const ready = plan.items.filter(
    (item) => item.plan !== undefined && item.plan.blocked === undefined,
  );
  for (const item of plan.items) {
    const flows = item.plan === undefined ? '' : `, ${countOf(item.plan.flows.length, 'flow')}`;
    const why = item.error?.message ?? item.plan?.blocked;
    note(
      `  ${item.instanceName}: ${item.key?.name ?? '(instance)'}${flows}${why === undefined ? '' : ` (left out: ${why})`}`,
    );
  }
  for (const line of plan.notes) note(`  note: ${line}`);
  if (ready.length === 0) {
    say('No key to rotate.');
    return EXIT.ok;
  }
  if (options.keepOld !== true) note(REVOKE_WORDS);
  await confirm(`Rotate ${countOf(ready.length, 'key')}?`, options.yes);
  const stop = showProgress(session.events);
  try {
    const keys = ready.map((item) => ({ instanceId: item.instanceId, keyId: item.key?.id ?? '' }));
    const started = await api.rotation.startMany({ keys });
    const finished =
      options.keepOld === true
        ? started
        : await api.rotation.revokeMany({ batchId: started.batchId });
    for (const item of finished.items)
      if (item.rotation === undefined)
        note(`  ${item.instanceName}: ${item.keyId} failed: ${item.error?.message ?? ''}`);
    const views = finished.items.flatMap((item) =>
      item.rotation === undefined ? [] : [item.rotation],
    );
    const code = report(views, options);
    return views.length < finished.items.length ? EXIT.attention : code;
  } finally {
    stop();
  }
}

function findRotation(views: readonly RotationView[], id: string): RotationView {
  const view = views.find((v) => v.id === id);
  if (view === undefined)
    throw new UsageError(`No rotation ${id} in this vault (fkv status lists them).`);
  return view;
}

async function resume(session: Session, id: string | undefined, options: RotateOptions) {
  const { api } = session;
  const { rotations } = await api.rotation.list();
  const chosen =
    id === undefined ? rotations.filter((r) => r.unfinished) : [findRotation(rotations, id)];
  if (chosen.length === 0) {
    say('No unfinished rotation.');
    return EXIT.ok;
  }
  const stop = showProgress(session.events);
  try {
    const views: RotationView[] = [];
    for (const view of chosen) views.push(await api.rotation.resume({ rotationId: view.id }));
    // Grace is where resume stops on its own: waiting there on purpose needs no person.
    return report(views, { ...options, keepOld: true });
  } finally {
    stop();
  }
}

async function rollback(session: Session, id: string, options: RotateOptions) {
  const { api } = session;
  const view = findRotation((await api.rotation.list()).rotations, id);
  const flows = view.flows.map((flow) => flow.name).join(', ');
  note(
    `Roll back "${view.oldKey.name}" on ${view.instanceName}: ${countOf(view.flows.length, 'flow')} back to the old key${flows === '' ? '' : ` (${flows})`}, then the new key deleted.`,
  );
  await confirm('Roll back this rotation?', options.yes);
  return report([await api.rotation.rollback({ rotationId: id })], options);
}

/** What holds a rotation's revoke back, and the two ways on, in words for stderr. */
function heldWords(view: RotationView): string {
  return (
    `Revoke of "${view.oldKey.name}" is held back: ${(view.revokeBlockers ?? []).join('; ')}. ` +
    `Retry with fkv rotate --retry-delivery ${view.id}, or delete the old key anyway with ` +
    `fkv rotate --finish ${view.id} --override.`
  );
}

async function finish(session: Session, id: string, options: RotateOptions) {
  const { api } = session;
  const view = findRotation((await api.rotation.list()).rotations, id);
  const blockers = view.revokeBlockers ?? [];
  if (blockers.length > 0 && options.override !== true) throw new AttentionError(heldWords(view));
  note(
    `Finish "${view.oldKey.name}" on ${view.instanceName}: the old key (${view.oldKey.masked}) is deleted and checked to be refused.`,
  );
  if (blockers.length > 0)
    note(
      `Although: ${blockers.join('; ')}. Whatever reads those targets still uses the old key and stops working.`,
    );
  await confirm(
    blockers.length > 0 ? 'Delete the old key anyway?' : 'Delete the old key now?',
    options.yes,
  );
  const override = blockers.length > 0 ? { override: blockers.join('; ') } : {};
  return report([await api.rotation.revoke({ rotationId: id, ...override })], options);
}

async function retryDelivery(session: Session, id: string, options: RotateOptions) {
  const { api } = session;
  const view = findRotation((await api.rotation.list()).rotations, id);
  const targetIds = (view.deliveries ?? [])
    .filter((d) => d.state !== 'delivered' || d.check === 'failed')
    .map((d) => d.id);
  if (targetIds.length === 0)
    throw new UsageError(`Rotation ${id} has no delivery to retry (fkv status lists it).`);
  note(`Deliver again to ${countOf(targetIds.length, 'target')} of "${view.oldKey.name}".`);
  const stop = showProgress(session.events);
  try {
    const retried = await api.rotation.retryDelivery({ rotationId: id, targetIds });
    return report([await finishUnlessKept(api, retried, options.keepOld === true)], options);
  } finally {
    stop();
  }
}

export function rotateCommand(
  keyName: string | undefined,
  options: RotateOptions,
): Promise<ExitCode> {
  const modes = [
    keyName,
    options.olderThan,
    options.due,
    options.resume,
    options.rollback,
    options.finish,
    options.retryDelivery,
  ];
  if (modes.filter((mode) => mode !== undefined && mode !== false).length !== 1)
    throw new UsageError(
      'Say what to rotate: a key (with --instance), --older-than <age>, --due, --resume [id], --rollback <id>, --finish <id> or --retry-delivery <id>.',
    );
  if (options.override === true && options.finish === undefined)
    throw new UsageError('--override goes with --finish <id> only.');
  const days = options.olderThan === undefined ? undefined : parseDays(options.olderThan);
  return withVault(options, async (session) => {
    if (keyName !== undefined) return rotateOne(session, keyName, options);
    if (days !== undefined || options.due === true) {
      const found = await Promise.all(
        (options.instance ?? []).map((name) => findInstance(session.api, name)),
      );
      const instanceIds = found.map((instance) => instance.id);
      const scope = instanceIds.length === 0 ? {} : { instanceIds };
      const selection: BatchSelection =
        days === undefined ? { mode: 'due', ...scope } : { mode: 'olderThan', days, ...scope };
      return rotateMany(session, selection, options);
    }
    if (options.rollback !== undefined) return rollback(session, options.rollback, options);
    if (options.finish !== undefined) return finish(session, options.finish, options);
    if (options.retryDelivery !== undefined)
      return retryDelivery(session, options.retryDelivery, options);
    return resume(
      session,
      typeof options.resume === 'string' ? options.resume : undefined,
      options,
    );
  });
}
