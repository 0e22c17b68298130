// A fault at every Flowise call a rotation makes, against the real Flowise 3.1.4, through a fault
// proxy: a 500, no answer (the client times out), an HTML page, or the change applied on the
// server and the reply lost. Each case then resumes to the end (or rolls back where resume cannot
// go on) and the server itself is asked, directly: no flow is bound to a key it does not have;
// a replacement on the server is one the journal holds the value of; and the old key is deleted
// exactly once with every flow on the new key, or, after a rollback, every flow is on the old key.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { RotationView } from '../../common/ipc/schemas/rotation.js';
import { fingerprint } from '../../main/core/flowise/mask.js';
import type { FaultKind, FaultProxy } from '../flowise/fault-proxy.js';
import { FAULT_KINDS, startFaultProxy } from '../flowise/fault-proxy.js';
import type { ServerFlow, ServerKey, ServerState } from './fault-matrix-server.js';
import { boundKeys, lockedOut, serverOf } from './fault-matrix-server.js';
import type { RotationCheckpoint } from '../../main/core/rotation/rotation-checkpoints.js';
import type { RotationCore } from './rotation-fixture.js';
import { PASSWORD } from './core-fixture.js';
import { startRotationCore } from './rotation-fixture.js';

const flowise = inject('flowise');
const server = serverOf(flowise);

const KEYS = /^\/api\/v1\/apikey$/;
const KEY = /^\/api\/v1\/apikey\/[^/]+$/;
const FLOWS = /^\/api\/v1\/chatflows$/;
const FLOW = /^\/api\/v1\/chatflows\/[^/]+$/;
const PREDICT = /^\/api\/v1\/prediction\/[^/]+$/;
const VERSION = /^\/api\/v1\/version$/;

type Step = 'plan' | 'create' | 'rebind' | 'verify' | 'revoke' | 'confirm' | 'rollback';

interface Call {
  step: Step;
  call: string;
  method: string;
  path: RegExp;
  /** Which request of this method and path, counted from the start of its step. */
  nth: number;
  kinds: readonly FaultKind[];
  /** Kinds the engine gets over without failing the step. */
  absorbs?: readonly FaultKind[];
}

/** Where each step starts: the engine's checkpoint after which its first call goes out. Counting
 * from there keeps the nth request on the same call when an earlier step had to be run again. */
const STEP_STARTS: Record<Exclude<Step, 'plan' | 'rollback'>, RotationCheckpoint> = {
  create: 'plan:saved',
  rebind: 'stash:done',
  verify: 'rebind:done',
  revoke: 'reveal:done',
  confirm: 'revoke:done',
};

const ALL = FAULT_KINDS;
const call = (
  step: Step,
  name: string,
  method: string,
  path: RegExp,
  nth: number,
  kinds: readonly FaultKind[],
  absorbs?: readonly FaultKind[],
): Call => ({ step, call: name, method, path, nth, kinds, ...(absorbs ? { absorbs } : {}) });

/**
 * Every Flowise call of one rotation of a key bound to two flows (the first one probed), in the
 * order the engine makes them: rotation-plan.ts (plan), forward-steps.ts (create, rebind, verify,
 * with replacement-check.ts and key-probe.ts), finish-steps.ts (revoke, confirm), keys-api.ts
 * (createKey lists the ids first), flowise-client.ts (key changes need the server's generation, to
 * take turns on 2.x; it is asked once per unlock, at the first key change, and kept for the rest:
 * server-generations.ts), and rollback-steps.ts for a rollback asked for in grace. Each run below
 * starts from a fresh unlock, so create asks the generation and the later steps do not. The
 * first test below checks that a rotation (and a rollback) without faults makes exactly these
 * calls, step by step.
 *
 *  step     | call                                          | request              | nth | kinds
 *  plan     | list keys: the old key and its permissions    | GET /apikey          |  1  | 500
 *  plan     | list flows: the flows bound to it             | GET /chatflows       |  1  | html
 *  create   | list keys: a replacement made before a crash  | GET /apikey          |  1  | all
 *  create   | list keys: ids before the POST                | GET /apikey          |  2  | timeout
 *  create   | the server's generation (once per unlock)     | GET /version         |  1  | 500, html (absorbed)
 *  create   | create the replacement                        | POST /apikey         |  1  | all
 *  rebind   | the replacement is still on the server        | GET /apikey          |  1  | applied-reply-lost
 *  rebind   | list flows: those still on the old key        | GET /chatflows       |  1  | all
 *  rebind   | first flow onto the new key                   | PUT /chatflows/:id   |  1  | all
 *  rebind   | second flow onto the new key                  | PUT /chatflows/:id   |  2  | all
 *  verify   | the replacement is still on the server        | GET /apikey          |  1  | 500
 *  verify   | list flows again                              | GET /chatflows       |  1  | html
 *  verify   | read back the first flow                      | GET /chatflows/:id   |  1  | all
 *  verify   | read back the second flow                     | GET /chatflows/:id   |  2  | timeout
 *  verify   | management call with the new key              | GET /apikey          |  2  | all
 *  verify   | prediction with the new key (probed flow)     | POST /prediction/:id |  1  | all
 *  revoke   | read keys                                     | GET /apikey          |  1  | applied-reply-lost
 *  revoke   | read flows                                    | GET /chatflows       |  1  | 500
 *  revoke   | re-read keys right before the delete          | GET /apikey          |  2  | all
 *  revoke   | re-read flows right before the delete         | GET /chatflows       |  2  | all
 *  revoke   | delete the old key                            | DELETE /apikey/:id   |  1  | all
 *  confirm  | the new key takes the old key's name          | PUT /apikey/:id      |  1  | all
 *  confirm  | the old key is refused (401), with the old key| GET /chatflows       |  1  | all
 *  rollback | list keys: the old key is still there         | GET /apikey          |  1  | 500
 *  rollback | list flows on the new key                     | GET /chatflows       |  1  | html
 *  rollback | first flow back onto the old key              | PUT /chatflows/:id   |  1  | all
 *  rollback | second flow back onto the old key             | PUT /chatflows/:id   |  2  | html
 *  rollback | read back the first flow                      | GET /chatflows/:id   |  1  | timeout
 *  rollback | read back the second flow                     | GET /chatflows/:id   |  2  | 500
 *  rollback | list flows: none left on the new key          | GET /chatflows       |  2  | applied-reply-lost
 *  rollback | delete the new key                            | DELETE /apikey/:id   |  1  | all
 */
const CALLS: readonly Call[] = [
  call('plan', 'list keys', 'GET', KEYS, 1, ['500']),
  call('plan', 'list flows', 'GET', FLOWS, 1, ['html']),
  call('create', 'find by name', 'GET', KEYS, 1, ALL),
  call('create', 'ids before', 'GET', KEYS, 2, ['timeout']),
  call('create', 'generation', 'GET', VERSION, 1, ['500', 'html'], ['500', 'html']),
  call('create', 'create key', 'POST', KEYS, 1, ALL),
  call('rebind', 'new key check', 'GET', KEYS, 1, ['applied-reply-lost']),
  call('rebind', 'list flows', 'GET', FLOWS, 1, ALL),
  call('rebind', 'first PUT', 'PUT', FLOW, 1, ALL),
  call('rebind', 'second PUT', 'PUT', FLOW, 2, ALL),
  call('verify', 'new key check', 'GET', KEYS, 1, ['500']),
  call('verify', 'list flows', 'GET', FLOWS, 1, ['html']),
  call('verify', 'read back first', 'GET', FLOW, 1, ALL),
  call('verify', 'read back second', 'GET', FLOW, 2, ['timeout']),
  call('verify', 'new key works', 'GET', KEYS, 2, ALL),
  call('verify', 'prediction', 'POST', PREDICT, 1, ALL),
  call('revoke', 'read keys', 'GET', KEYS, 1, ['applied-reply-lost']),
  call('revoke', 'read flows', 'GET', FLOWS, 1, ['500']),
  call('revoke', 're-read keys', 'GET', KEYS, 2, ALL),
  call('revoke', 're-read flows', 'GET', FLOWS, 2, ALL),
  call('revoke', 'delete old key', 'DELETE', KEY, 1, ALL),
  call('confirm', 'rename new key', 'PUT', KEY, 1, ALL),
  call('confirm', 'old key refused', 'GET', FLOWS, 1, ALL),
  call('rollback', 'list keys', 'GET', KEYS, 1, ['500']),
  call('rollback', 'list flows', 'GET', FLOWS, 1, ['html']),
  call('rollback', 'first PUT back', 'PUT', FLOW, 1, ALL),
  call('rollback', 'second PUT back', 'PUT', FLOW, 2, ['html']),
  call('rollback', 'read back first', 'GET', FLOW, 1, ['timeout']),
  call('rollback', 'read back second', 'GET', FLOW, 2, ['500']),
  call('rollback', 'list flows again', 'GET', FLOWS, 2, ['applied-reply-lost']),
  call('rollback', 'delete new key', 'DELETE', KEY, 1, ALL),
];

let proxy: FaultProxy;
let f: RotationCore;

beforeAll(async () => {
  proxy = await startFaultProxy(flowise.url);
  // A held request costs the instance's timeout. 3 s, not the 1 s minimum: on a busy machine the
  // real server's answers sometimes take over a second, which would be faults nobody asked for.
  f = await startRotationCore({ url: proxy.url, adminKey: flowise.apiKey, timeoutMs: 3000 });
});
afterAll(async () => {
  await f.close();
  await proxy.close();
});

const finished = (view: RotationView | undefined): boolean =>
  view?.status === 'done' || view?.status === 'rolled_back';

/** What the server showed right after the call the fault hit, with the view that call returned. */
interface AtFault {
  view: RotationView | undefined;
  error: unknown;
  state: ServerState;
}

interface Outcome {
  view: RotationView;
  atFault: AtFault | undefined;
  /** The new key's value as the person got it from the reveal ticket. */
  revealed: string | undefined;
}

interface Run {
  old: ServerKey;
  flows: readonly ServerFlow[];
  /** Roll back in grace instead of revoking. */
  rollback: boolean;
  /** Armed at the start of its step. */
  fault?: { call: Call; kind: FaultKind } | undefined;
}

/** Runs the rotation to its end the way a person would: start, reveal, then revoke (or roll
 * back), and on a failure resume; where a step fails twice in the same way (resume cannot get
 * past it), roll back. */
async function rotate({ old, flows, rollback, fault }: Run): Promise<Outcome> {
  // A fresh unlock: the server's generation is forgotten, so the run asks it as the table says.
  await f.api.vault.lock();
  await f.api.vault.unlock({ password: PASSWORD });
  let view: RotationView | undefined;
  let atFault: AtFault | undefined;
  let revealed: string | undefined;
  let ticket: string | undefined;
  let lastFailure: string | undefined;
  const arm = (): void => {
    if (fault !== undefined) proxy.arm({ ...fault.call, kind: fault.kind });
  };
  const step = fault?.call.step;
  if (step === 'plan') arm();
  else if (step !== undefined && step !== 'rollback') f.when(STEP_STARTS[step], arm);
  const next = async (current: RotationView | undefined): Promise<RotationView> => {
    if (current === undefined)
      return f.api.rotation.start({
        instanceId: f.instanceId,
        keyId: old.id,
        probeFlowIds: [flows[0]?.id ?? ''],
      });
    if (current.status === 'waiting') {
      if (ticket !== undefined) revealed = (await f.api.keys.reveal({ ticket })).value;
      ticket = undefined;
      if (!rollback) return f.api.rotation.revoke({ rotationId: current.id });
      if (step === 'rollback' && proxy.fired() === undefined) arm();
      return f.api.rotation.rollback({ rotationId: current.id });
    }
    // A rollback that failed before it began is asked for again; once begun, resume carries it on.
    if (rollback && !current.rollingBack && current.canRollback)
      return f.api.rotation.rollback({ rotationId: current.id });
    const failure = `${current.failedStep ?? ''}:${current.error?.message ?? ''}`;
    const stuck = failure === lastFailure && current.canRollback;
    lastFailure = failure;
    return stuck
      ? f.api.rotation.rollback({ rotationId: current.id })
      : f.api.rotation.resume({ rotationId: current.id });
  };
  try {
    for (let round = 0; round < 8 && !finished(view); round += 1) {
      let error: unknown;
      try {
        view = await next(view);
      } catch (thrown) {
        error = thrown;
        if (view !== undefined) throw thrown;
      }
      if (view?.ticket !== undefined) ticket = view.ticket;
      if (atFault === undefined && proxy.fired() !== undefined)
        atFault = { view, error, state: await server.state() };
    }
  } finally {
    proxy.disarm();
    // A step the rotation never reached must not arm the next case's rotation.
    if (step !== undefined && step !== 'plan' && step !== 'rollback')
      f.when(STEP_STARTS[step], () => undefined);
  }
  if (view === undefined || !finished(view))
    throw new Error(`the rotation did not end: ${JSON.stringify(view?.error)}`);
  return { view, atFault, revealed };
}

/** The invariants, read from the server itself. */
async function expectSafe(outcome: Outcome, old: ServerKey, flows: readonly ServerFlow[]) {
  const ids = flows.map((flow) => flow.id);
  const { view, atFault } = outcome;
  // By its suffixed name, or by its id once it took the old key's name after revoke.
  const named = (state: ServerState) =>
    state.keys.filter(
      (k) => k.keyName === view.newKeyName || (k.id === view.newKey?.id && k.id !== old.id),
    );

  if (atFault !== undefined) {
    expect(lockedOut(atFault.state, ids), 'locked out right after the fault').toEqual([]);
    // A replacement on the server is the journal's, with its value; or the create's reply was
    // lost and the journal has none yet (resume finds it by name: checked below, by id).
    for (const key of named(atFault.state)) {
      const journaled = atFault.view?.newKey;
      if (journaled === undefined) continue;
      expect(journaled.id).toBe(key.id);
      expect(journaled.fingerprint).toBe(fingerprint(key.apiKey));
    }
  }

  const after = await server.state();
  expect(lockedOut(after, ids), 'locked out at the end').toEqual([]);
  const deletes = (id: string) =>
    proxy.log.filter((r) => r.method === 'DELETE' && r.path === `/api/v1/apikey/${id}`);
  if (view.status === 'done') {
    const fresh = named(after);
    expect(fresh.map((k) => k.id)).toEqual([view.newKey?.id]);
    const [key] = fresh;
    expect(outcome.revealed).toBe(key?.apiKey);
    expect(view.newKey?.fingerprint).toBe(fingerprint(key?.apiKey ?? ''));
    // The replacement made before the fault is the one in use: none was left behind.
    for (const early of atFault === undefined ? [] : named(atFault.state))
      expect(early.id).toBe(key?.id);
    expect(boundKeys(after, ids)).toEqual(ids.map(() => key?.id));
    expect(after.keys.some((k) => k.id === old.id)).toBe(false);
    expect(deletes(old.id).filter((r) => r.status === 200)).toHaveLength(1);
    expect(await server.statusWith(old.apiKey)).toBe(401);
  } else {
    expect(view.status).toBe('rolled_back');
    expect(named(after)).toEqual([]);
    expect(after.keys.some((k) => k.id === old.id)).toBe(true);
    expect(boundKeys(after, ids)).toEqual(ids.map(() => old.id));
    expect(deletes(old.id)).toEqual([]);
  }
}

const ROUTES: readonly [string, RegExp][] = [
  ['/apikey', KEYS],
  ['/apikey/:id', KEY],
  ['/chatflows', FLOWS],
  ['/chatflows/:id', FLOW],
  ['/prediction/:id', PREDICT],
  ['/version', VERSION],
];
/** A request as the table names it, e.g. "PUT /chatflows/:id". */
const route = (method: string, path: string | RegExp): string =>
  `${method} ${ROUTES.find(([, p]) => (typeof path === 'string' ? p.test(path) : p === path))?.[0] ?? String(path)}`;
const label = (c: Call): string =>
  `${c.step}: ${c.call} (${route(c.method, c.path)} #${String(c.nth)})`;

/** The requests of each step, cut at the checkpoints where the steps start. */
async function callsByStep(run: Run): Promise<Map<Step, string[]>> {
  const cuts: [Step, number][] = [['plan', 0]];
  for (const [step, point] of Object.entries(STEP_STARTS))
    f.when(point, () => cuts.push([step as Step, proxy.log.length]));
  proxy.clearLog();
  const outcome = await rotate(run);
  await expectSafe(outcome, run.old, run.flows);
  for (const point of Object.values(STEP_STARTS)) f.when(point, () => undefined);
  const byStep = new Map<Step, string[]>();
  cuts.forEach(([step, from], i) => {
    const to = cuts[i + 1]?.[1] ?? proxy.log.length;
    // Rolled back in grace: what follows the reveal is the rollback.
    const as = run.rollback && step === 'revoke' ? 'rollback' : step;
    byStep.set(
      as,
      proxy.log.slice(from, to).map((r) => route(r.method, r.path)),
    );
  });
  return byStep;
}

const expected = (step: Step): string[] =>
  CALLS.filter((c) => c.step === step)
    .map((c) => route(c.method, c.path))
    .sort();

it('a rotation, and a rollback in grace, without faults make exactly the calls in the table', async () => {
  const forward = await server.keyWithFlows('baseline');
  const back = await server.keyWithFlows('baseline-back');
  try {
    const steps = await callsByStep({ ...forward, rollback: false });
    for (const step of ['plan', 'create', 'rebind', 'verify', 'revoke', 'confirm'] as const)
      expect([...(steps.get(step) ?? [])].sort(), step).toEqual(expected(step));
    const undo = await callsByStep({ ...back, rollback: true });
    expect(undo.get('rollback')?.sort()).toEqual(expected('rollback'));
  } finally {
    await server.cleanUp(forward.old, forward.flows);
    await server.cleanUp(back.old, back.flows);
  }
});

describe.each(CALLS.map((c) => ({ c, title: label(c) })))('$title', ({ c }) => {
  it.each(c.kinds.map((kind) => ({ kind })))('$kind', async ({ kind }) => {
    const { old, flows } = await server.keyWithFlows(`${c.step}-${kind}`);
    try {
      proxy.clearLog();
      const rollback = c.step === 'rollback';
      const outcome = await rotate({ old, flows, rollback, fault: { call: c, kind } });
      expect(proxy.fired(), 'the fault was served').toBeDefined();
      const { atFault } = outcome;
      if (c.absorbs?.includes(kind) === true) expect(atFault?.view?.status).not.toBe('failed');
      else if (c.step === 'plan') expect(atFault?.error).toBeDefined();
      else expect(atFault?.view?.failedStep).toBe(rollback ? 'rebind' : c.step);
      expect(outcome.view.status).toBe(rollback ? 'rolled_back' : 'done');
      await expectSafe(outcome, old, flows);
    } finally {
      await server.cleanUp(old, flows);
    }
  });
});
