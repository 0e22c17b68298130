// promote.keyPlan and promote.key: an API key made again on another instance. From Flowise 3.0.13
// a server makes every key's value itself, so the target gets a key of the same name and
// permissions with a value of its own, revealed once, for the apps to be given. From 2.0.2 to
// 3.0.12 the import route takes a value, so the exact value can be carried instead and the apps
// need nothing new. The value crosses inside main only.
import { AppError } from '../../../common/errors.js';
import type {
  KeyPromoteArgs,
  KeyPromotePlan,
  KeyPromoteRef,
  PromotedKey,
} from '../../../common/ipc/schemas/promote.js';
import type { ApiKeyRow } from '../flowise/flowise-schemas.js';
import type { FlowiseGeneration } from '../flowise/generation.js';
import { fingerprint } from '../flowise/mask.js';
import { keySubject, summarizeKey } from '../keys/key-summaries.js';
import { makeKey } from '../keys/keys-methods.js';
import { openPair } from './credential-copy.js';
import type { End, PromoteDeps } from './promote-deps.js';
import { auditPromotion, between, endOf } from './promote-deps.js';

async function sourceKey(from: End, keyId: string): Promise<ApiKeyRow> {
  const row = (await from.client.listKeys()).find((r) => r.id === keyId);
  if (row === undefined)
    throw new AppError('not_found', `That key is gone from "${from.name}".`, { keyId });
  return row;
}

function sameValueNote(generation: FlowiseGeneration, sameName: number, to: End): string {
  if (generation === '3.0.13+')
    return `"${to.name}" runs Flowise 3.0.13 or newer, which makes every key's value itself: the exact value cannot be carried there.`;
  if (sameName > 0)
    return `"${to.name}" already has a key named like this one; its import route refuses a second of the same name. Rename one first.`;
  return `The exact value goes through "${to.name}"'s import route (Flowise 2.0.2 to 3.0.12): apps that use the key keep working with it there.`;
}

export async function planKeyPromotion(
  deps: PromoteDeps,
  args: KeyPromoteRef,
): Promise<KeyPromotePlan> {
  const { from, to } = await openPair(deps, args);
  const row = await sourceKey(from, args.keyId);
  const [generation, targetRows] = await Promise.all([
    to.client.generation(),
    to.client.listKeys(),
  ]);
  const sameName = targetRows.filter((r) => r.keyName === row.keyName).length;
  const admin = targetRows.find(
    (r) => r.apiKey === deps.keys.clients.record(to.instanceId).adminKey,
  );
  const perKey = generation === '3.0.13+';
  const held = new Set(admin?.permissions ?? []);
  return {
    from: endOf(from),
    to: endOf(to),
    keyName: row.keyName,
    ...(row.permissions === undefined ? {} : { permissions: row.permissions }),
    targetHasPermissions: perKey,
    targetAdminLacks:
      perKey && admin?.permissions !== undefined
        ? (row.permissions ?? []).filter((p) => !held.has(p))
        : [],
    sameNameOnTarget: sameName,
    modes: [
      {
        mode: 'new-value',
        possible: true,
        note: perKey
          ? `"${to.name}" makes a new value for a key of the same name and permissions; it is shown once, for the apps to be given.`
          : `"${to.name}" makes a new value for a key of the same name (keys there carry no permissions); it is shown once.`,
      },
      {
        mode: 'same-value',
        possible: !perKey && sameName === 0,
        note: sameValueNote(generation, sameName, to),
      },
    ],
  };
}

export async function promoteKey(deps: PromoteDeps, args: KeyPromoteArgs): Promise<PromotedKey> {
  const { from, to } = await openPair(deps, args);
  const row = await sourceKey(from, args.keyId);
  const keyName = args.keyName ?? row.keyName;
  const subject = { ...keySubject(row), name: keyName };
  try {
    if (args.mode === 'new-value') {
      const generation = await to.client.generation();
      const permissions = args.permissions ?? row.permissions ?? [];
      if (generation === '3.0.13+' && permissions.length === 0)
        throw new AppError(
          'bad_request',
          `"${from.name}" gives keys no permissions of their own; choose the ones the key gets on "${to.name}".`,
        );
      // Made without a "key created" record of its own: the promotion is one record, naming both.
      const { created, subject: made } = await makeKey(deps.keys, {
        instanceId: to.instanceId,
        keyName,
        permissions,
      });
      await auditPromotion(deps, to, {
        action: 'key.promote',
        subject: made,
        detail: `made again ${between(from, to)} with a new value (the source key is ${fingerprint(row.apiKey)})`,
      });
      return { ...created, mode: 'new-value' };
    }
    const made = await to.client.importKey({ keyName, apiKey: row.apiKey });
    const now = deps.keys.clock.now();
    const remembered = {
      instanceId: to.instanceId,
      keyId: made.id,
      keyName: made.keyName,
      fingerprint: fingerprint(made.apiKey),
      firstSeenAt: now,
      createdHere: true,
      ...(deps.keys.settings().storeCreatedKeys ? { value: made.apiKey } : {}),
    };
    await deps.keys.known.remember(remembered);
    await auditPromotion(deps, to, {
      action: 'key.promote',
      subject: keySubject(made),
      detail: `carried ${between(from, to)} with its exact value, through the import route`,
    });
    return {
      key: summarizeKey(to.instanceId, made, remembered, [], now, deps.keys.clients.all()),
      mode: 'same-value',
    };
  } catch (error) {
    await auditPromotion(
      deps,
      to,
      { action: 'key.promote', subject, detail: between(from, to) },
      error,
    );
    throw error;
  }
}
