// promote.credentialsPlan and promote.credentials: credentials copied from one instance to another
// under the same id, which Flowise accepts from 3.0.5 (POST /credentials with `id`). A flow names
// its credentials by id, so with the same id a flow moved between the two works unchanged. A
// credential of that id already on the target is replaced only when the person asked, after both
// names and types were shown; a replaced credential keeps the secrets the person leaves empty
// (Flowise merges the fields sent over the stored ones).
import { AppError, isAppError } from '../../../common/errors.js';
import type { CredentialTypeEntry, FieldInput } from '../../../common/ipc/schemas/credentials.js';
import type {
  CredentialCopyArgs,
  CredentialCopyItem,
  CredentialCopyOutcome,
  CredentialCopyPlan,
  CredentialCopyPlanArgs,
  CredentialOnTarget,
} from '../../../common/ipc/schemas/promote.js';
import { scrubbed, sharedRefusal, valuesToScrub } from '../credentials/credential-errors.js';
import { checkChanges, checkNewData } from '../credentials/credential-validation.js';
import { toTypeEntry } from '../credentials/credential-types.js';
import { versionAtLeast } from '../flowise/generation.js';
import type { CredentialRow } from '../flowise/flowise-schemas.js';
import { readNote, readSource } from './credential-source.js';
import type { SourceCredential } from './credential-source.js';
import type { End, PromoteDeps } from './promote-deps.js';
import { auditPromotion, between, endOf, openEnd } from './promote-deps.js';

/** Why the target cannot keep a credential's id, or undefined when it can. */
function idRefusal(to: End): string | undefined {
  if (to.version !== undefined && versionAtLeast(to.version, [3, 0, 5])) return undefined;
  const runs =
    to.version === undefined ? 'does not say which Flowise it runs' : `runs Flowise ${to.version}`;
  return (
    `"${to.name}" ${runs}. Flowise accepts a credential with a chosen id only from 3.0.5; ` +
    'before that every copy would get a new id, and a flow moved there would not find its ' +
    'credentials. Upgrade it to Flowise 3.0.5 or newer to copy credentials with their ids.'
  );
}

export async function openPair(
  deps: PromoteDeps,
  args: { fromInstanceId: string; toInstanceId: string },
): Promise<{ from: End; to: End }> {
  if (args.fromInstanceId === args.toInstanceId)
    throw new AppError('bad_request', 'Choose another instance to copy to.');
  const [from, to] = await Promise.all([
    openEnd(deps, args.fromInstanceId),
    openEnd(deps, args.toInstanceId),
  ]);
  return { from, to };
}

interface Target {
  rows: Map<string, CredentialRow>;
  types: Map<string, CredentialTypeEntry>;
}

async function readTarget(to: End): Promise<Target> {
  const [rows, types] = await Promise.all([
    to.client.listCredentials(),
    to.client.listCredentialTypes(),
  ]);
  return {
    rows: new Map(rows.map((r) => [r.id.toLowerCase(), r])),
    types: new Map(types.map((t) => [t.name, toTypeEntry(t)])),
  };
}

function onTarget(target: Target, id: string): CredentialOnTarget | undefined {
  const row = target.rows.get(id.toLowerCase());
  if (row === undefined) return undefined;
  return {
    name: row.name,
    credentialName: row.credentialName,
    typeLabel: target.types.get(row.credentialName)?.label ?? row.credentialName,
    shared: row.shared === true,
  };
}

function planItem(
  id: string,
  source: SourceCredential,
  target: Target,
  to: End,
): CredentialCopyItem {
  const { detail, type } = source;
  const existing = onTarget(target, id);
  const targetType = target.types.get(detail.credentialName);
  const problem =
    targetType === undefined
      ? `"${to.name}" has no credential type ${detail.credentialName}, so it cannot hold this credential.`
      : existing?.shared === true
        ? sharedRefusal(existing.name).message
        : undefined;
  return {
    id: detail.id,
    name: detail.name,
    credentialName: detail.credentialName,
    typeLabel: type?.label ?? detail.credentialName,
    carried: Object.keys(source.values).map(
      (name) => type?.inputs.find((i) => i.name === name)?.label ?? name,
    ),
    unreadable: source.unreadable,
    ...(existing === undefined ? {} : { existing }),
    ...(problem === undefined ? {} : { problem }),
  };
}

function failedItem(id: string, error: unknown): CredentialCopyItem {
  return {
    id,
    name: id,
    credentialName: '',
    typeLabel: '',
    carried: [],
    unreadable: [],
    problem: error instanceof Error ? error.message : 'It could not be read.',
  };
}

export async function planCredentialCopy(
  deps: PromoteDeps,
  args: CredentialCopyPlanArgs,
): Promise<CredentialCopyPlan> {
  const { from, to } = await openPair(deps, args);
  const refusal = idRefusal(to);
  const target = await readTarget(to);
  const items: CredentialCopyItem[] = [];
  for (const id of args.ids) {
    try {
      items.push(planItem(id, await readSource(from, id), target, to));
    } catch (error) {
      if (!isAppError(error)) throw error;
      items.push(failedItem(id, error));
    }
  }
  return {
    from: endOf(from),
    to: endOf(to),
    supported: refusal === undefined,
    ...(refusal === undefined ? {} : { refusal }),
    readNote: readNote(from),
    items,
  };
}

/** What goes to the target: what was read, then what the person typed for what was not. */
function dataFor(
  source: SourceCredential,
  targetType: CredentialTypeEntry,
  secrets: Record<string, FieldInput>,
): Record<string, FieldInput> {
  const known = new Set(targetType.inputs.map((i) => i.name));
  const unreadable = new Set(source.unreadable.map((f) => f.name));
  const typed = Object.entries(secrets).filter(
    ([name, value]) => unreadable.has(name) && value !== '',
  );
  return Object.fromEntries(
    [...Object.entries(source.values), ...typed].filter(([name]) => known.has(name)),
  );
}

type Item = CredentialCopyArgs['items'][number];

async function copyOne(
  deps: PromoteDeps,
  from: End,
  to: End,
  target: Target,
  item: Item,
  source: SourceCredential,
): Promise<CredentialCopyOutcome> {
  const { detail } = source;
  const plan = planItem(item.id, source, target, to);
  const targetType = target.types.get(detail.credentialName);
  if (plan.problem !== undefined || targetType === undefined)
    throw new AppError('precondition_failed', plan.problem ?? 'It cannot be copied.');
  const existing = plan.existing;
  if (existing !== undefined && !item.overwrite)
    return {
      id: detail.id,
      name: detail.name,
      outcome: 'skipped',
      message: `"${to.name}" already has a credential with this id: "${existing.name}" (${existing.typeLabel}). It was left as it is; confirm to overwrite it.`,
    };
  const data = dataFor(source, targetType, item.secrets);
  const subject = { kind: 'credential' as const, id: detail.id, name: detail.name };
  const labels = (names: readonly string[]): string =>
    names.map((n) => targetType.inputs.find((i) => i.name === n)?.label ?? n).join(', ');
  if (existing !== undefined) {
    const fields = checkChanges(targetType, data, {});
    await to.client.updateCredential(detail.id, {
      name: detail.name,
      credentialName: detail.credentialName,
      plainDataObj: fields,
    });
    await auditPromotion(deps, to, {
      action: 'credential.promote',
      subject,
      detail: `copied ${between(from, to)} over "${existing.name}" (${existing.typeLabel}); fields sent: ${labels(Object.keys(fields)) || 'none'}`,
    });
    return { id: detail.id, name: detail.name, outcome: 'overwritten' };
  }
  const plainDataObj = checkNewData(targetType, data);
  const row = await to.client.createCredential({
    id: detail.id,
    name: detail.name,
    credentialName: detail.credentialName,
    plainDataObj,
  });
  if (row.id.toLowerCase() !== detail.id.toLowerCase()) {
    // A server that ignored the id: the copy would not serve any flow, so it is taken back.
    await to.client.deleteCredential(row.id).catch(() => undefined);
    throw new AppError(
      'server_error',
      `"${to.name}" gave the copy another id (${row.id}), so flows would not find it; it was removed again.`,
    );
  }
  await auditPromotion(deps, to, {
    action: 'credential.promote',
    subject,
    detail: `copied ${between(from, to)} with the same id; fields sent: ${labels(Object.keys(plainDataObj)) || 'none'}`,
  });
  return { id: detail.id, name: detail.name, outcome: 'created' };
}

export async function copyCredentials(
  deps: PromoteDeps,
  args: CredentialCopyArgs,
): Promise<{ results: CredentialCopyOutcome[] }> {
  const { from, to } = await openPair(deps, args);
  const refusal = idRefusal(to);
  if (refusal !== undefined) throw new AppError('precondition_failed', refusal);
  const target = await readTarget(to);
  const results: CredentialCopyOutcome[] = [];
  for (const item of args.items) {
    const secrets = valuesToScrub(item.secrets);
    // The id until the source is read: a failure is then named as the person knows it.
    let name = item.id;
    try {
      const source = await readSource(from, item.id);
      name = source.detail.name;
      results.push(await copyOne(deps, from, to, target, item, source));
    } catch (error) {
      const clean = scrubbed(error, secrets);
      await auditPromotion(
        deps,
        to,
        {
          action: 'credential.promote',
          subject: { kind: 'credential', id: item.id, name },
          detail: between(from, to),
        },
        clean,
      );
      if (!isAppError(clean)) throw clean;
      results.push({ id: item.id, name, outcome: 'failed', message: clean.message });
    }
  }
  return { results };
}
