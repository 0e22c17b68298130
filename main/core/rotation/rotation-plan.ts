// rotation.plan: what a rotation of one key would touch, read from the server; nothing is saved.
import { randomBytes } from 'node:crypto';

import { AppError } from '../../../common/errors.js';
import type { KeyRotationPlan } from '../../../common/ipc/schemas/rotation.js';
import type { ApiKeyRow } from '../flowise/flowise-schemas.js';
import type { Journal } from './rotation-journal.js';
import { normaliseKeyName } from '../flowise/keys-api.js';
import { fingerprint, maskKey } from '../flowise/mask.js';
import { flowsByKey } from '../keys/key-summaries.js';
import type { RotationDeps } from './rotation-deps.js';
import { countOf, plural } from '../../../common/words.js';

const NAME_MAX = 100;

export function newRotationId(): string {
  return randomBytes(6).toString('hex');
}

const ROTATION_SUFFIX = /(?:\s*\(rotation [a-f0-9]{12}\))+$/;

/** A key's name without the suffix of any rotation it came from: the name it is given back once
 * its rotation has revoked the old key. */
export function originalName(name: string): string {
  return normaliseKeyName(normaliseKeyName(name).replace(ROTATION_SUFFIX, ''));
}

/** The old name plus a suffix with the rotation id, cut to fit the name limit, in the form the
 * server will store it: resume finds a key made just before a crash by this exact name. An old
 * suffix is dropped first, so names do not grow with every rotation. */
export function replacementName(oldName: string, rotationId: string): string {
  const suffix = ` (rotation ${rotationId})`;
  const base = originalName(oldName).slice(0, NAME_MAX - suffix.length);
  return normaliseKeyName(`${base}${suffix}`);
}

export interface PlannedRotation {
  plan: KeyRotationPlan;
  old: ApiKeyRow;
  /** Permissions the admin key lacks, so it cannot create the replacement. */
  missing: string[];
}

export async function planRotation(
  deps: RotationDeps,
  args: { instanceId: string; keyId: string },
  rotationId: string,
): Promise<PlannedRotation> {
  const record = deps.clients.record(args.instanceId);
  const client = deps.clients.client(args.instanceId);
  const [rows, flows] = await Promise.all([client.listKeys(), client.listChatflows()]);
  const old = rows.find((r) => r.id === args.keyId);
  if (old === undefined)
    throw new AppError(
      'not_found',
      'That key is no longer on the server, or the admin key cannot see it (Flowise lists only keys whose permissions the admin key also holds).',
      { keyId: args.keyId },
    );
  const admin = old.apiKey === record.adminKey;
  const own = rows.find((r) => r.apiKey === record.adminKey);
  const held = new Set(own?.permissions ?? []);
  const missing =
    old.permissions === undefined || own?.permissions === undefined
      ? []
      : old.permissions.filter((p) => !held.has(p));
  const bound = flowsByKey(flows).get(old.id) ?? [];
  const warnings: string[] = [];
  if (bound.length > 0)
    warnings.push(
      `${countOf(bound.length, 'flow')} ${plural(bound.length, 'accepts', 'accept')} only one key. As each is moved to the new key, callers still using the old key are refused; the moves run together to keep that window short.`,
    );
  warnings.push('The old key keeps working for management calls until you revoke it at the end.');
  if (admin)
    warnings.push(
      `"${old.keyName}" is the key this app uses to manage ${record.name}. Once the new key is verified, the app switches its stored admin key to it; the old one is deleted when you revoke it.`,
    );
  if (missing.length > 0)
    warnings.push(
      `The admin key does not hold ${missing.join(', ')}, so it cannot create a replacement with the same permissions.`,
    );
  return {
    old,
    missing,
    plan: {
      instanceId: args.instanceId,
      instanceName: record.name,
      oldKey: {
        id: old.id,
        name: old.keyName,
        masked: maskKey(old.apiKey),
        fingerprint: fingerprint(old.apiKey),
      },
      ...(old.permissions === undefined ? {} : { permissions: old.permissions }),
      newKeyName: replacementName(old.keyName, rotationId),
      flows: bound,
      warnings,
      ...(admin ? { admin: true } : {}),
    },
  };
}

/** The first journal of a rotation: planned, nothing changed on the server yet. */
export function newJournal(
  plan: KeyRotationPlan,
  oldValue: string,
  id: string,
  probeFlowIds: readonly string[],
  now: number,
): Journal {
  const probes = new Set(probeFlowIds);
  return {
    id,
    instanceId: plan.instanceId,
    instanceName: plan.instanceName,
    oldKey: { ...plan.oldKey, value: oldValue },
    ...(plan.permissions === undefined ? {} : { permissions: plan.permissions }),
    newKeyName: plan.newKeyName,
    flows: plan.flows.map((f) => ({ ...f, state: 'pending', probe: probes.has(f.id) })),
    reached: 'plan',
    status: 'running',
    rollingBack: false,
    startedAt: now,
    updatedAt: now,
    ...(plan.admin === true ? { admin: true } : {}),
  };
}
