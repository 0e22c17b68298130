// The rotation.* part of the fake Api: the same step order, statuses and guards as main's engine,
// played on the fake keys and chatflows through their own Api (so those calls are recorded too).
// A step can be scripted to fail once, to show a failed view with retry and rollback.
import { AppError } from '../../common/errors.js';
import type { WireError } from '../../common/errors.js';
import type { Api, AppEventName, AppEventPayload } from '../../common/ipc/contract.js';
import type { RotationStep, RotationView } from '../../common/ipc/schemas/rotation.js';
import {
  RotationStep as RotationStepSchema,
  RotationPlanArgs,
  RotationRef,
  RotationRevealArgs,
  StartRotationArgs,
} from '../../common/ipc/schemas/rotation.js';
import type { FakeCall } from './fake-instances.js';
import { fakeFingerprint, parseArgs } from './fake-instances.js';

const STEPS: readonly RotationStep[] = RotationStepSchema.options;
const at = (step: RotationStep): number => STEPS.indexOf(step);

export interface FakeRotationInit {
  keys: Api['keys'];
  chatflows: Api['chatflows'];
  emit: <E extends AppEventName>(event: E, payload: AppEventPayload<E>) => void;
  now: () => number;
  instanceName?: (instanceId: string) => string;
  /** The instance's stored admin key, read and saved as an instance edit would: rotating that key
   * switches it to the new one after verify, and back on rollback. */
  adminKey?: {
    of(instanceId: string): string | undefined;
    set(instanceId: string, value: string): Promise<unknown>;
  };
}

/** The single-key methods; the bulk ones live in fake-rotation-batch.ts. */
export type SingleRotationApi = Omit<Api['rotation'], 'planMany' | 'startMany' | 'revokeMany'>;

export interface FakeRotation {
  readonly api: SingleRotationApi;
  /** keys.reveal that also redeems the rotation's own tickets. */
  reveal(inner: Api['keys']['reveal']): Api['keys']['reveal'];
  /** The next time a rotation reaches `step`, it fails there with `error`. */
  failStep(step: RotationStep, error: WireError): void;
  /** rotation.start as the bulk rotation calls it in main: the journal carries the batch id. */
  startInBatch(args: StartRotationArgs, batchId: string): Promise<RotationView>;
}

interface Entry {
  view: RotationView;
  /** The new key's value, held until the rotation ends. */
  value?: string;
  /** The admin key stored before the switch, for a rollback. */
  oldAdmin?: string;
}

export function createFakeRotation(call: FakeCall, init: FakeRotationInit): FakeRotation {
  const rotations = new Map<string, Entry>();
  const tickets = new Map<string, string>();
  const failures = new Map<RotationStep, WireError>();
  let counter = 0;

  /** Checks `arg` like main does, then runs `body` on the rotation it names. */
  const withEntry = <T>(
    method: string,
    arg: unknown,
    body: (entry: Entry) => T | Promise<T>,
    schema: typeof RotationRef | typeof RotationRevealArgs = RotationRef,
  ): Promise<T> =>
    call(method, () => {
      const entry = rotations.get(parseArgs(schema, arg, method).rotationId);
      if (entry === undefined)
        throw new AppError('not_found', 'That rotation is not in this vault.');
      return body(entry);
    }).then((p) => p);
  const steps = (v: RotationView): RotationView['steps'] =>
    STEPS.map((step, i) => ({
      step,
      state:
        step === 'switch' && v.admin !== true
          ? 'skipped'
          : i <= at(v.reached)
            ? 'done'
            : v.status === 'failed' && v.failedStep === step
              ? 'failed'
              : v.status === 'rolled_back'
                ? 'skipped'
                : 'pending',
    }));
  const save = (entry: Entry, patch: Partial<RotationView>): void => {
    const rest = { ...entry.view };
    delete rest.error;
    delete rest.failedStep;
    delete rest.ticket;
    delete rest.newKeyGone;
    const next: RotationView = { ...rest, ...patch, updatedAt: init.now() };
    const finished = next.status === 'done' || next.status === 'rolled_back';
    next.unfinished = !finished;
    next.canRollback = !finished && at(next.reached) < at('grace');
    next.canRevoke = !finished && next.newKeyGone !== true && at(next.reached) >= at('reveal');
    next.steps = steps(next);
    entry.view = next;
    init.emit('rotation.progress', next);
  };
  /** Runs `job` as `step` unless a failure is scripted for it. */
  const run = async (entry: Entry, step: RotationStep, job: () => Promise<void>) => {
    const failure = failures.get(step);
    if (failure === undefined) {
      await job();
      return true;
    }
    failures.delete(step);
    // As main does when the journaled new key is no longer on the server.
    const gone = failure.details?.newKeyGone === true ? { newKeyGone: true as const } : {};
    save(entry, { status: 'failed', failedStep: step, error: failure, ...gone });
    return false;
  };
  const issue = (entry: Entry): string => {
    const ticket = `rotation-ticket-${String(++counter)}-0123456789abcdef`;
    tickets.set(ticket, entry.value ?? '');
    return ticket;
  };

  async function forward(entry: Entry): Promise<RotationView> {
    const { instanceId } = entry.view;
    save(entry, { status: 'running' });
    const jobs: [RotationStep, () => Promise<void>][] = [
      [
        'create',
        async () => {
          const created = await init.keys.create({
            instanceId,
            keyName: entry.view.newKeyName,
            permissions: entry.view.permissions ?? ['chatflows:view'],
          });
          entry.value = (await init.keys.reveal({ ticket: created.ticket })).value;
          const { id, keyName: name, masked, fingerprint } = created.key;
          save(entry, { newKey: { id, name, masked, fingerprint }, reached: 'create' });
        },
      ],
      [
        'stash',
        () => {
          save(entry, { reached: 'stash' });
          return Promise.resolve();
        },
      ],
      [
        'rebind',
        async () => {
          for (const flow of entry.view.flows)
            await init.chatflows.bind({
              instanceId,
              chatflowId: flow.id,
              keyId: entry.view.newKey?.id ?? null,
            });
          const flows = entry.view.flows.map((f) => ({ ...f, state: 'rebound' as const }));
          save(entry, { flows, reached: 'rebind', cutoverMs: 1 });
        },
      ],
      [
        'verify',
        () => {
          const flows = entry.view.flows.map((f) => ({ ...f, state: 'verified' as const }));
          save(entry, { flows, reached: 'verify' });
          return Promise.resolve();
        },
      ],
      [
        'switch',
        async () => {
          if (entry.view.admin === true && init.adminKey !== undefined) {
            entry.oldAdmin ??= init.adminKey.of(instanceId) ?? '';
            await init.adminKey.set(instanceId, entry.value ?? '');
            save(entry, { reached: 'switch' });
          }
        },
      ],
    ];
    for (const [step, job] of jobs)
      if (at(entry.view.reached) < at(step) && !(await run(entry, step, job))) return entry.view;
    save(entry, { reached: 'reveal', status: 'waiting', revealedAt: init.now() });
    return { ...entry.view, ticket: issue(entry) };
  }

  async function finish(entry: Entry): Promise<RotationView> {
    const { instanceId, oldKey } = entry.view;
    save(entry, { status: 'running', reached: 'grace' });
    const revoked = await run(entry, 'revoke', async () => {
      await init.keys.delete({ instanceId, keyId: oldKey.id });
      save(entry, { reached: 'revoke' });
    });
    if (!revoked) return entry.view;
    await run(entry, 'confirm', () => {
      delete entry.value;
      delete entry.oldAdmin;
      save(entry, { reached: 'confirm', status: 'done' });
      return Promise.resolve();
    });
    return entry.view;
  }

  async function undo(entry: Entry): Promise<RotationView> {
    const { instanceId, oldKey, newKey } = entry.view;
    if (entry.oldAdmin !== undefined && init.adminKey !== undefined)
      await init.adminKey.set(instanceId, entry.oldAdmin);
    for (const flow of entry.view.flows)
      await init.chatflows.bind({ instanceId, chatflowId: flow.id, keyId: oldKey.id });
    if (newKey !== undefined) await init.keys.delete({ instanceId, keyId: newKey.id });
    const flows = entry.view.flows.map((f) => ({ ...f, state: 'restored' as const }));
    delete entry.value;
    delete entry.oldAdmin;
    save(entry, { flows, status: 'rolled_back' });
    return entry.view;
  }

  async function plan(args: { instanceId: string; keyId: string }, id: string) {
    const list = await init.keys.list({ instanceId: args.instanceId });
    const key = list.keys.find((k) => k.id === args.keyId);
    if (key === undefined) throw new AppError('not_found', 'That key is no longer on the server.');
    const stored = init.adminKey?.of(args.instanceId);
    const admin = stored !== undefined && fakeFingerprint(stored) === key.fingerprint;
    return {
      instanceId: args.instanceId,
      instanceName: init.instanceName?.(args.instanceId) ?? args.instanceId,
      oldKey: { id: key.id, name: key.keyName, masked: key.masked, fingerprint: key.fingerprint },
      ...(key.permissions === undefined ? {} : { permissions: key.permissions }),
      newKeyName: `${key.keyName} (rotation ${id})`,
      flows: key.boundFlows,
      warnings: ['The old key keeps working for management calls until you revoke it at the end.'],
      ...(admin ? { admin: true } : {}),
    };
  }

  const api = {
    plan: (arg) =>
      call('rotation.plan', () =>
        plan(parseArgs(RotationPlanArgs, arg, 'rotation.plan'), 'a'.repeat(12)),
      ).then((p) => p),
    start: (arg: StartRotationArgs, batchId?: string) =>
      call('rotation.start', async () => {
        const args = parseArgs(StartRotationArgs, arg, 'rotation.start');
        const open = [...rotations.values()].find(
          (e) => e.view.unfinished && e.view.oldKey.id === args.keyId,
        );
        if (open !== undefined)
          throw new AppError('conflict', 'That key is already being rotated.');
        // As main: the replacement of an unfinished rotation is not rotated until that ends.
        const replacing = [...rotations.values()].find(
          (e) => e.view.unfinished && e.view.newKey?.id === args.keyId,
        );
        if (replacing !== undefined)
          throw new AppError(
            'conflict',
            `That key is the new key of the unfinished rotation of "${replacing.view.oldKey.name}". Revoke the old key or roll that rotation back first.`,
          );
        const id = (++counter).toString(16).padStart(12, '0');
        const planned = await plan(args, id);
        const probes = new Set(args.probeFlowIds ?? []);
        const entry: Entry = {
          view: {
            ...planned,
            id,
            flows: planned.flows.map((f) => ({ ...f, state: 'pending', probe: probes.has(f.id) })),
            status: 'running',
            reached: 'plan',
            steps: [],
            canRollback: true,
            canRevoke: false,
            rollingBack: false,
            unfinished: true,
            startedAt: init.now(),
            updatedAt: init.now(),
            ...(batchId === undefined ? {} : { batchId }),
          },
        };
        rotations.set(id, entry);
        save(entry, {});
        return forward(entry);
      }).then((p) => p),
    resume: (arg) =>
      withEntry('rotation.resume', arg, (entry) => {
        const v = entry.view;
        if (v.newKeyGone === true) {
          // "Create it again": back to before create, so forward makes a fresh key.
          const rest = { ...v };
          delete rest.newKey;
          entry.view = { ...rest, reached: 'plan' };
          return forward(entry);
        }
        if (!v.unfinished || (v.status === 'waiting' && at(v.reached) < at('grace'))) return v;
        return at(v.reached) >= at('grace') ? finish(entry) : forward(entry);
      }),
    reveal: (arg) =>
      withEntry(
        'rotation.reveal',
        arg,
        (entry) => {
          if (!entry.view.canRevoke || entry.value === undefined)
            throw new AppError(
              'precondition_failed',
              'The new key can be shown again in grace only.',
            );
          return { ...entry.view, ticket: issue(entry) };
        },
        RotationRevealArgs,
      ),
    revoke: (arg) =>
      withEntry('rotation.revoke', arg, (entry) => {
        if (!entry.view.canRevoke)
          throw new AppError('precondition_failed', 'The old key can be revoked only in grace.');
        return finish(entry);
      }),
    rollback: (arg) =>
      withEntry('rotation.rollback', arg, (entry) => {
        if (!entry.view.canRollback)
          throw new AppError('precondition_failed', 'This rotation can only go forward.');
        return undo(entry);
      }),
    list: () =>
      call('rotation.list', () => ({
        rotations: [...rotations.values()]
          .map((e) => e.view)
          .sort((a, b) => b.startedAt - a.startedAt),
      })),
  } satisfies SingleRotationApi;

  return {
    api,
    reveal: (inner) => (arg) => {
      const value = tickets.get(arg.ticket);
      if (value === undefined) return inner(arg);
      return call('keys.reveal', () => {
        tickets.delete(arg.ticket);
        return { value };
      });
    },
    failStep: (step, error) => {
      failures.set(step, error);
    },
    startInBatch: (args, batchId) => api.start(args, batchId),
  };
}
