// What a backup holds, decrypted: instance profiles (with their admin keys) and every vault record
// that belongs to one of them, plus, if asked, the audit log and the settings. The records are
// checked with the same schemas the vault's own stores read them with, so an import can never
// write a section the app then fails to read.
import { z } from 'zod';

import { AuditRecord } from '../../../common/ipc/schemas/audit.js';
import { PublicFlow } from '../../../common/ipc/schemas/keys.js';
import { InstancePolicy, KeyPolicy } from '../../../common/ipc/schemas/policies.js';
import { KeyRecord as TargetRecord } from '../delivery/target-store.js';
import { InstanceRecord } from '../instances/instance-store.js';
import { KnownKey } from '../keys/known-keys.js';
import { Journal } from '../rotation/rotation-journal.js';
import type { Vault } from '../vault/vault.js';
import { backupError } from './backup-file.js';

/** Every list of records in the vault that belong to an instance: its section, the field of its
 * array, and the record's schema. A new per-instance list is one more row here. */
export const SCOPED = {
  keys: { section: 'keys', field: 'keys', item: KnownKey },
  rotations: { section: 'rotations', field: 'rotations', item: Journal },
  delivery: { section: 'delivery', field: 'keys', item: TargetRecord },
  publicFlows: { section: 'publicFlows', field: 'flows', item: PublicFlow },
  instancePolicies: { section: 'policies', field: 'instances', item: InstancePolicy },
  keyPolicies: { section: 'policies', field: 'keys', item: KeyPolicy },
} as const;
export type ScopedName = keyof typeof SCOPED;
export const SCOPED_NAMES = Object.keys(SCOPED) as ScopedName[];

/** A record of any scoped section: what the backup code needs of it is its instance. */
export type Scoped = { instanceId: string } & Record<string, unknown>;
export type ScopedSections = Record<ScopedName, Scoped[]>;

const CONTENT_KIND = 'fkv-backup-content';
const CONTENT_VERSION = 1;

export const BackupContent = z.object({
  kind: z.literal(CONTENT_KIND),
  schemaVersion: z.literal(CONTENT_VERSION),
  createdAt: z.number(),
  instances: z.array(InstanceRecord),
  sections: z.object({
    keys: z.array(SCOPED.keys.item),
    rotations: z.array(SCOPED.rotations.item),
    delivery: z.array(SCOPED.delivery.item),
    publicFlows: z.array(SCOPED.publicFlows.item),
    instancePolicies: z.array(SCOPED.instancePolicies.item).default([]),
    keyPolicies: z.array(SCOPED.keyPolicies.item).default([]),
  }),
  audit: z.array(AuditRecord).optional(),
  /** Non-secret preferences as they were; restored only with a new vault. */
  settings: z.record(z.string(), z.unknown()).optional(),
});
export type BackupContent = z.infer<typeof BackupContent>;

/** Every record of one scoped section, as the vault holds it. */
export function readScoped(vault: Vault, name: ScopedName): Scoped[] {
  const { section, field, item } = SCOPED[name];
  const schema = z.looseObject({ [field]: z.array(item as z.ZodType<Scoped>).optional() });
  return vault.readSection(section, schema)?.[field] ?? [];
}

/** The vault sections to write for these records (a section of several lists gets them all). */
export function scopedValues(
  records: Readonly<Record<ScopedName, readonly Scoped[]>>,
): Record<string, Record<string, readonly Scoped[]>> {
  const values: Record<string, Record<string, readonly Scoped[]>> = {};
  for (const name of SCOPED_NAMES) {
    const { section, field } = SCOPED[name];
    values[section] = { ...values[section], [field]: records[name] };
  }
  return values;
}

export function collectContent(
  vault: Vault,
  choose: { instanceIds?: readonly string[]; includeAudit: boolean },
  extras: { createdAt: number; audit: () => readonly AuditRecord[]; settings: unknown },
): BackupContent {
  const all = vault.readSection('instances', z.object({ instances: z.array(InstanceRecord) }));
  const instances = all?.instances ?? [];
  const wanted = new Set(choose.instanceIds ?? instances.map((i) => i.id));
  const chosen = instances.filter((i) => wanted.has(i.id));
  const sections = Object.fromEntries(
    SCOPED_NAMES.map((name) => [
      name,
      readScoped(vault, name).filter((r) => wanted.has(r.instanceId)),
    ]),
  ) as BackupContent['sections'];
  return {
    kind: CONTENT_KIND,
    schemaVersion: CONTENT_VERSION,
    createdAt: extras.createdAt,
    instances: chosen,
    sections,
    ...(choose.includeAudit ? { audit: [...extras.audit()] } : {}),
    ...(typeof extras.settings === 'object' && extras.settings !== null
      ? { settings: extras.settings as Record<string, unknown> }
      : {}),
  };
}

/** Parses decrypted bytes as a backup's contents; refuses a shape it does not know and instance
 * ids that collide (or records of an instance the backup does not hold). */
export function parseContent(plaintext: Buffer): BackupContent {
  let raw: unknown;
  try {
    raw = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw backupError('bad-contents');
  }
  const parsed = BackupContent.safeParse(raw);
  if (!parsed.success) throw backupError('bad-contents');
  const content = parsed.data;
  const ids = new Set<string>();
  for (const instance of content.instances) {
    if (ids.has(instance.id)) throw backupError('colliding-ids', { instanceId: instance.id });
    ids.add(instance.id);
  }
  for (const name of SCOPED_NAMES) {
    if (content.sections[name].some((r) => !ids.has(r.instanceId)))
      throw backupError('bad-contents');
  }
  return content;
}
