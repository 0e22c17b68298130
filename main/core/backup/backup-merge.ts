// A backup against the open vault, instance by instance: what is new, identical or in conflict
// (the same id, or another instance at the same address), and the sections that result from the
// person's choice for each conflict. Pure: the caller writes the result in one vault save.
import { randomUUID } from 'node:crypto';

import { AppError } from '../../../common/errors.js';
import type { BackupItem, Resolution } from '../../../common/ipc/schemas/backup.js';
import type { InstanceRecord, InstanceSection } from '../instances/instance-store.js';
import { isFinished } from '../rotation/rotation-journal.js';
import type { Journal } from '../rotation/rotation-journal.js';
import { canonicalJson } from '../vault/canonical-json.js';
import type { BackupContent, Scoped, ScopedName, ScopedSections } from './backup-content.js';
import { SCOPED_NAMES } from './backup-content.js';

export interface VaultSide {
  instances: InstanceRecord[];
  activeId?: string;
  sections: ScopedSections;
}

export const sideOfBackup = (content: BackupContent): VaultSide => ({
  instances: content.instances,
  sections: content.sections,
});

const addressOf = (url: string): string => url.trim().replace(/\/+$/, '').toLowerCase();

const recordsOf = (side: VaultSide, instanceId: string, name: ScopedName): Scoped[] =>
  side.sections[name].filter((r) => r.instanceId === instanceId);

/** The instance and its records in a form where equal means identical (the last connection test
 * is left out: it is a note about the past, not something to choose between). */
function identity(side: VaultSide, instance: InstanceRecord): string {
  const profile: Partial<InstanceRecord> = { ...instance };
  delete profile.lastCheck;
  const records = SCOPED_NAMES.map((name) =>
    recordsOf(side, instance.id, name)
      .map((r) => canonicalJson(r))
      .sort(),
  );
  return canonicalJson({ profile, records });
}

interface Classified {
  item: BackupItem;
  theirs: InstanceRecord;
  mine?: InstanceRecord;
}

function classify(mine: VaultSide, theirs: VaultSide, instance: InstanceRecord): Classified {
  const sameId = mine.instances.find((m) => m.id === instance.id);
  const sameAddress =
    sameId ?? mine.instances.find((m) => addressOf(m.baseUrl) === addressOf(instance.baseUrl));
  const targets = recordsOf(theirs, instance.id, 'delivery').reduce(
    (n, r) => n + (Array.isArray(r['targets']) ? r['targets'].length : 0),
    0,
  );
  const base = {
    id: instance.id,
    name: instance.name,
    baseUrl: instance.baseUrl,
    keys: recordsOf(theirs, instance.id, 'keys').length,
    rotations: recordsOf(theirs, instance.id, 'rotations').length,
    targets,
  };
  if (sameAddress === undefined) return { item: { ...base, status: 'new' }, theirs: instance };
  const mineRef = { id: sameAddress.id, name: sameAddress.name, baseUrl: sameAddress.baseUrl };
  const same = identity(mine, sameAddress) === identity(theirs, instance);
  return {
    item: {
      ...base,
      status: same ? 'identical' : 'conflict',
      mine: mineRef,
      ...(same ? {} : { conflict: sameId === undefined ? 'same-address' : 'same-id' }),
    },
    theirs: instance,
    mine: sameAddress,
  };
}

export function previewItems(mine: VaultSide, content: BackupContent): BackupItem[] {
  const theirs = sideOfBackup(content);
  return theirs.instances.map((instance) => classify(mine, theirs, instance).item);
}

export interface ImportCounts {
  added: number;
  replaced: number;
  keptBoth: number;
  keptMine: number;
  identical: number;
}

export interface ImportPlan {
  instances: InstanceSection;
  sections: ScopedSections;
  counts: ImportCounts;
  /** What happened to each of the backup's instances, in words, for the audit record. */
  lines: string[];
}

/** The backup's records of one instance, moved to another id (rotation journals get new ids too,
 * so two journals never share one). */
function rekey(records: Scoped[], name: ScopedName, id: string): Scoped[] {
  return records.map((r) => ({
    ...r,
    instanceId: id,
    ...(name === 'rotations' ? { id: randomUUID() } : {}),
  }));
}

function refuseIfRotating(mine: VaultSide, instance: InstanceRecord): void {
  const open = (recordsOf(mine, instance.id, 'rotations') as unknown as Journal[]).find(
    (j) => !isFinished(j),
  );
  if (open !== undefined)
    throw new AppError(
      'precondition_failed',
      `A rotation on "${instance.name}" has not finished here, so this vault's instance cannot be replaced by the backup's. Finish or roll back the rotation, or keep both. Nothing was changed.`,
      { instanceId: instance.id },
    );
}

export function planImport(
  mine: VaultSide,
  content: BackupContent,
  resolutions: Readonly<Record<string, Resolution>>,
): ImportPlan {
  const theirs = sideOfBackup(content);
  const instances = [...mine.instances];
  const sections = Object.fromEntries(
    SCOPED_NAMES.map((name) => [name, [...mine.sections[name]]]),
  ) as ScopedSections;
  let activeId = mine.activeId;
  const counts: ImportCounts = { added: 0, replaced: 0, keptBoth: 0, keptMine: 0, identical: 0 };
  const lines: string[] = [];

  const add = (instance: InstanceRecord, id: string, name: string): void => {
    instances.push({ ...instance, id, name });
    for (const section of SCOPED_NAMES) {
      const records = recordsOf(theirs, instance.id, section);
      sections[section].push(...(id === instance.id ? records : rekey(records, section, id)));
    }
    activeId ??= id;
  };
  const remove = (id: string): void => {
    const at = instances.findIndex((i) => i.id === id);
    if (at >= 0) instances.splice(at, 1);
    for (const section of SCOPED_NAMES)
      sections[section] = sections[section].filter((r) => r.instanceId !== id);
  };

  for (const instance of theirs.instances) {
    const { item, mine: other } = classify(mine, theirs, instance);
    if (item.status === 'new' || other === undefined) {
      add(instance, instance.id, instance.name);
      counts.added++;
      lines.push(`"${instance.name}" added`);
      continue;
    }
    if (item.status === 'identical') {
      counts.identical++;
      continue;
    }
    const choice = resolutions[instance.id];
    if (choice === undefined)
      throw new AppError(
        'bad_request',
        `Choose what to do with "${instance.name}", which conflicts with "${other.name}". Nothing was changed.`,
        { instanceId: instance.id },
      );
    if (choice === 'mine') {
      counts.keptMine++;
      lines.push(`"${other.name}" kept as it was`);
    } else if (choice === 'theirs') {
      refuseIfRotating(mine, other);
      remove(other.id);
      if (activeId === other.id) activeId = undefined;
      add(instance, instance.id, instance.name);
      counts.replaced++;
      lines.push(`"${other.name}" replaced by the backup's "${instance.name}"`);
    } else {
      const sameId = item.conflict === 'same-id';
      add(
        instance,
        sameId ? randomUUID() : instance.id,
        sameId ? `${instance.name} (from backup)` : instance.name,
      );
      counts.keptBoth++;
      lines.push(`"${instance.name}" added beside "${other.name}"`);
    }
  }
  return {
    instances: { instances, ...(activeId === undefined ? {} : { activeId }) },
    sections,
    counts,
    lines,
  };
}
