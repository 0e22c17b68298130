// The credentials.* part of the fake Api: credentials held the way Flowise holds them (secret values
// stay in here; `get` hands out a secret only as `{ kind: 'secret', set }`), input checked against
// the type before anything is stored, updates that merge only the fields sent, and flows that use a
// credential so deletes and rotations can warn. Arguments are checked with the contract's schemas.
import { AppError } from '../../common/errors.js';
import type { Api } from '../../common/ipc/contract.js';
import type {
  CredentialSummary,
  CredentialTypeEntry,
  FieldInput,
  FieldValue,
} from '../../common/ipc/schemas/credentials.js';
import {
  CreateCredentialArgs,
  CredentialRef,
  CredentialTypesArgs,
  DeleteCredentialArgs,
  RotatePlanArgs,
  RotateSecretArgs,
  UpdateCredentialArgs,
} from '../../common/ipc/schemas/credentials.js';
import type { BoundFlow } from '../../common/ipc/schemas/keys.js';
import { InstanceArg } from '../../common/ipc/schemas/keys.js';
import { FAKE_CREDENTIAL_TYPES } from './fake-credential-types.js';
import type { FakeCall } from './fake-instances.js';
import { parseArgs } from './fake-instances.js';
import { checkFakeChanges, checkFakeData } from './fake-credential-checks.js';

interface FakeCredential {
  summary: Omit<CredentialSummary, 'usedBy'>;
  data: Record<string, string | boolean>;
  usedBy: BoundFlow[];
}

export interface FakeCredentials {
  readonly api: Api['credentials'];
  /** Adds a credential at once, as if it already existed on the server. */
  seed(
    instanceId: string,
    name: string,
    credentialName: string,
    data: Record<string, string | boolean>,
  ): CredentialSummary;
  /** A flow on the server starts using the credential. */
  useIn(instanceId: string, credentialId: string, flowName: string): BoundFlow;
  /** What the server stores for one field: tests check a secret arrived, or was kept. */
  storedValue(instanceId: string, id: string, field: string): string | boolean | undefined;
  /** The `changes` of every update, in order: tests check an untouched secret was not sent. */
  readonly updates: Record<string, FieldInput>[];
}

const notFound = (): AppError =>
  new AppError('not_found', 'That credential is no longer on the server.');

export function createFakeCredentials(call: FakeCall, now: () => number): FakeCredentials {
  const store = new Map<string, FakeCredential[]>();
  const updates: Record<string, FieldInput>[] = [];
  let counter = 0;

  const of = (instanceId: string): FakeCredential[] => store.get(instanceId) ?? [];
  const typeOf = (name: string): CredentialTypeEntry | undefined =>
    FAKE_CREDENTIAL_TYPES.find((t) => t.name === name);
  const find = (instanceId: string, id: string): FakeCredential => {
    const found = of(instanceId).find((c) => c.summary.id === id);
    if (found === undefined) throw notFound();
    return found;
  };
  const summary = (c: FakeCredential): CredentialSummary => ({
    ...c.summary,
    usedBy: c.usedBy.map((f) => ({ ...f })),
  });
  const fieldsOf = (c: FakeCredential): Record<string, FieldValue> => {
    const secret = new Set(
      (typeOf(c.summary.credentialName)?.inputs ?? []).filter((i) => i.secret).map((i) => i.name),
    );
    const fields: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(c.data)) {
      if (value === '') continue;
      fields[name] = secret.has(name) ? { kind: 'secret', set: true } : { kind: 'value', value };
    }
    return fields;
  };
  const add = (
    instanceId: string,
    name: string,
    type: CredentialTypeEntry,
    data: Record<string, string | boolean>,
  ): FakeCredential => {
    const credential: FakeCredential = {
      data,
      usedBy: [],
      summary: {
        id: `cred-${String(++counter)}`,
        instanceId,
        name,
        credentialName: type.name,
        typeLabel: type.label,
        createdAt: now(),
        updatedAt: now(),
        shared: false,
      },
    };
    store.set(instanceId, [...of(instanceId), credential]);
    return credential;
  };
  const usage = { checked: true };

  const api: Api['credentials'] = {
    list: (arg) =>
      call('credentials.list', () => {
        const { instanceId } = parseArgs(InstanceArg, arg, 'credentials.list');
        const credentials = of(instanceId)
          .map(summary)
          .sort((a, b) => a.name.localeCompare(b.name));
        return { instanceId, credentials, usage, fetchedAt: now() };
      }),
    types: (arg) =>
      call('credentials.types', () => {
        const { query } = parseArgs(CredentialTypesArgs, arg, 'credentials.types');
        const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        const types = FAKE_CREDENTIAL_TYPES.filter((t) =>
          words.every((w) => `${t.label} ${t.name}`.toLowerCase().includes(w)),
        );
        return { types: [...types], total: FAKE_CREDENTIAL_TYPES.length };
      }),
    get: (arg) =>
      call('credentials.get', () => {
        const { instanceId, id } = parseArgs(CredentialRef, arg, 'credentials.get');
        const c = find(instanceId, id);
        const type = typeOf(c.summary.credentialName);
        return {
          ...summary(c),
          ...(type === undefined ? {} : { type }),
          fields: fieldsOf(c),
          usage,
        };
      }),
    create: (arg) =>
      call('credentials.create', () => {
        const args = parseArgs(CreateCredentialArgs, arg, 'credentials.create');
        const type = typeOf(args.credentialName);
        if (type === undefined)
          throw new AppError('bad_request', `No credential type named ${args.credentialName}.`);
        return summary(add(args.instanceId, args.name, type, checkFakeData(type, args.data)));
      }),
    update: (arg) =>
      call('credentials.update', () => {
        const args = parseArgs(UpdateCredentialArgs, arg, 'credentials.update');
        const c = find(args.instanceId, args.id);
        const type = typeOf(c.summary.credentialName);
        const changes = args.changes ?? {};
        updates.push({ ...changes });
        if (type !== undefined) c.data = { ...c.data, ...checkFakeChanges(type, changes) };
        c.summary = { ...c.summary, name: args.name ?? c.summary.name, updatedAt: now() };
        return summary(c);
      }),
    rotatePlan: (arg) =>
      call('credentials.rotatePlan', () => {
        const args = parseArgs(RotatePlanArgs, arg, 'credentials.rotatePlan');
        const c = find(args.instanceId, args.id);
        const input = typeOf(c.summary.credentialName)?.inputs.find((i) => i.name === args.field);
        if (input?.secret !== true)
          throw new AppError('bad_request', `${args.field} is not a secret field.`);
        const set = (c.data[args.field] ?? '') !== '';
        return {
          credential: summary(c),
          field: { name: input.name, label: input.label, set },
          usage,
        };
      }),
    rotate: (arg) =>
      call('credentials.rotate', () => {
        const args = parseArgs(RotateSecretArgs, arg, 'credentials.rotate');
        const c = find(args.instanceId, args.id);
        const unseen = c.usedBy.filter((f) => !args.reviewedFlowIds.includes(f.id));
        if (unseen.length > 0)
          throw new AppError(
            'conflict',
            `Since the review, "${unseen[0]?.name ?? ''}" started using "${c.summary.name}". Review the flows again before rotating.`,
          );
        c.data = { ...c.data, [args.field]: args.value };
        c.summary = { ...c.summary, updatedAt: now() };
        return summary(c);
      }),
    delete: (arg) =>
      call('credentials.delete', () => {
        const args = parseArgs(DeleteCredentialArgs, arg, 'credentials.delete');
        const c = find(args.instanceId, args.id);
        if (c.usedBy.length > 0 && args.confirmName !== c.summary.name)
          throw new AppError(
            'precondition_failed',
            `${String(c.usedBy.length)} flow(s) use "${c.summary.name}". Type the credential's name to delete it anyway.`,
            { usedBy: c.usedBy.length },
          );
        store.set(
          args.instanceId,
          of(args.instanceId).filter((x) => x !== c),
        );
      }),
  };

  return {
    api,
    updates,
    seed: (instanceId, name, credentialName, data) => {
      const type = typeOf(credentialName);
      if (type === undefined) throw new Error(`The fake has no credential type ${credentialName}.`);
      return summary(add(instanceId, name, type, { ...data }));
    },
    useIn: (instanceId, credentialId, flowName) => {
      const flow: BoundFlow = {
        id: `flow-c${String(++counter)}`,
        name: flowName,
        type: 'CHATFLOW',
      };
      find(instanceId, credentialId).usedBy.push(flow);
      return flow;
    },
    storedValue: (instanceId, id, field) => find(instanceId, id).data[field],
  };
}
