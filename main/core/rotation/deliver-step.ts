// The deliver step, between reveal and grace: the new key goes to each of the key's delivery
// targets, then each target's check runs. Each target's state is journaled before and after it
// runs, so a crash in between is seen on resume: a target that may have run is run again only
// when it is idempotent (a .env file always is: a file that holds the key already is left alone).
// A failed delivery or check does not stop the rotation; it holds revoke back.
import { parse } from 'dotenv';

import { AppError } from '../../../common/errors.js';
import type { DeliveryPorts, DeliveryResult } from '../delivery/deliver.js';
import { deliverTo, runCheck, undoDelivery } from '../delivery/deliver.js';
import type { JournalDelivery } from './rotation-journal.js';
import type { Run } from './rotation-run.js';
import { newKeyOf } from './rotation-run.js';

function idempotent(d: JournalDelivery): boolean {
  return d.target.target.kind === 'env-file' || d.target.target.idempotent;
}

const NO_PORTS: DeliveryResult = {
  ok: false,
  words: 'This copy of the app cannot reach files or run commands, so nothing was delivered.',
};

function withResult(d: JournalDelivery, result: DeliveryResult): JournalDelivery {
  const next: JournalDelivery = { ...d, state: result.ok ? 'delivered' : 'failed' };
  next.words = result.words;
  if (result.output === undefined) delete next.output;
  else next.output = result.output;
  return next;
}

/** The host's ports for one target: its confirmations name the rotation's key and the target. */
function portsFor(run: Run, d: JournalDelivery): DeliveryPorts | undefined {
  const host = run.deps.delivery;
  if (host === undefined) return undefined;
  return {
    files: host.files,
    commands: host.commands,
    http: host.http,
    confirm: (shown) =>
      host.confirm.confirm({
        ...shown,
        instanceName: run.journal.instanceName,
        keyName: run.journal.oldKey.name,
        targetLabel: d.target.label,
      }),
  };
}

async function update(run: Run, index: number, next: JournalDelivery): Promise<void> {
  const deliveries = [...(run.journal.deliveries ?? [])];
  deliveries[index] = next;
  await run.save({ deliveries });
}

async function deliverOne(run: Run, index: number, value: string): Promise<void> {
  const d = run.journal.deliveries?.[index];
  if (d === undefined) return;
  if (d.state === 'started' && !idempotent(d)) {
    await update(run, index, {
      ...d,
      state: 'interrupted',
      words:
        'The app stopped while this ran, so it may or may not hold the new key. Check it, then retry it or roll back.',
    });
    return;
  }
  if (d.state !== 'pending' && d.state !== 'started') return;
  await update(run, index, { ...d, state: 'started' });
  const ports = portsFor(run, d);
  const result = ports === undefined ? NO_PORTS : await deliverTo(ports, d.target.target, value);
  await run.hook('deliver:ran');
  await update(run, index, withResult({ ...d, state: 'started' }, result));
  await run.note('deliver', result.ok ? 'ok' : 'failed', `"${d.target.label}": ${result.words}`);
}

async function checkOne(run: Run, index: number, value: string): Promise<void> {
  const d = run.journal.deliveries?.[index];
  if (d?.state !== 'delivered' || d.target.check === undefined || d.check !== undefined) return;
  const ports = portsFor(run, d);
  if (ports === undefined) return;
  const result = await runCheck(ports, d.target.check, value);
  await run.hook('deliver:checked');
  await update(run, index, {
    ...d,
    check: result.ok ? 'passed' : 'failed',
    checkWords: result.words,
  });
  await run.note(
    'deliver',
    result.ok ? 'ok' : 'failed',
    `check of "${d.target.label}": ${result.words}`,
  );
}

/** Runs what is left to deliver and check, then waits in grace. */
export async function deliverStep(run: Run): Promise<void> {
  const deliveries = run.journal.deliveries ?? [];
  const { value } = newKeyOf(run.journal);
  if (run.journal.status !== 'running') await run.save({ status: 'running' });
  for (let i = 0; i < deliveries.length; i++) await deliverOne(run, i, value);
  for (let i = 0; i < deliveries.length; i++) await checkOne(run, i, value);
  await run.save({ reached: 'deliver', status: 'waiting' });
}

function withoutCheck(d: JournalDelivery): JournalDelivery {
  const next = { ...d };
  delete next.check;
  delete next.checkWords;
  return next;
}

/** The person asked to run these again: failed or interrupted ones deliver again, failed checks
 * run again. */
export async function retryDeliveries(run: Run, targetIds: readonly string[]): Promise<void> {
  const ids = new Set(targetIds);
  const deliveries = (run.journal.deliveries ?? []).map((d): JournalDelivery => {
    if (!ids.has(d.target.id)) return d;
    if (d.state === 'failed' || d.state === 'interrupted')
      return { ...withoutCheck(d), state: 'pending' };
    if (d.state === 'delivered' && d.check === 'failed') return withoutCheck(d);
    return d;
  });
  await run.save({ deliveries });
  await deliverStep(run);
}

/** Whether a target may hold the new key now: delivered, or stopped or undone half-way (a .env
 * file then says for itself). */
async function mayHoldNewKey(run: Run, d: JournalDelivery, value: string): Promise<boolean> {
  if (d.state === 'delivered') return true;
  if (!['started', 'interrupted', 'undo_failed'].includes(d.state)) return false;
  const t = d.target.target;
  if (t.kind !== 'env-file') return true;
  const file = await run.deps.delivery?.files.read(t.path);
  return file !== null && file !== undefined && parse(file.text)[t.name] === value;
}

/**
 * Rollback's first part, before any flow goes back: each target that may hold the new key gets
 * the old one back (a .env file from its backup, a command target through its rollback command).
 * A target that cannot be put back stops the rollback, since the new key is about to be deleted.
 */
export async function undoDeliveries(run: Run): Promise<void> {
  const deliveries = run.journal.deliveries ?? [];
  const oldValue = run.journal.oldKey.value;
  const newValue = run.journal.newKey?.value;
  for (let i = 0; i < deliveries.length; i++) {
    const d = run.journal.deliveries?.[i];
    const ports = d === undefined ? undefined : portsFor(run, d);
    if (d === undefined || newValue === undefined || ports === undefined) continue;
    if (d.state === 'undone' || !(await mayHoldNewKey(run, d, newValue))) continue;
    if (oldValue === undefined) {
      throw new AppError('internal', 'The rotation journal has lost track of the old key.');
    }
    const result = await undoDelivery(ports, d.target.target, oldValue);
    await update(run, i, {
      ...d,
      state: result.ok ? 'undone' : 'undo_failed',
      words: result.words,
    });
    await run.note(
      'rebind',
      result.ok ? 'ok' : 'failed',
      `"${d.target.label}" put back: ${result.words}`,
    );
    if (!result.ok) {
      throw new AppError(
        'precondition_failed',
        `"${d.target.label}" could not be put back (${result.words}) Fix it, then roll back again.`,
      );
    }
  }
}
