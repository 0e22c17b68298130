import { describe, expect, it } from 'vitest';

import { isAppError } from '../../../common/errors.js';
import type { BackupFile } from '../../../common/ipc/schemas/backup.js';
import { createCore } from '../create-core.js';
import { memoryCorePorts } from '../testing/memory-core.js';
import type { BackupFixture } from './testing/backup-fixture.js';
import {
  PASSPHRASE,
  PASSWORD,
  coreWith,
  errorOf,
  sampleSections,
  sectionsOf,
} from './testing/backup-fixture.js';

type Sample = ReturnType<typeof sampleSections>;

async function exported(fixture: BackupFixture, instanceIds?: string[]): Promise<BackupFile> {
  return fixture.core.impl.backup.export({
    password: PASSWORD,
    passphrase: PASSPHRASE,
    includeAudit: true,
    ...(instanceIds === undefined ? {} : { instanceIds }),
  });
}

/** The sample with its first instance renamed and one key record changed. */
function edited(sample: Sample): Sample {
  const [first, ...rest] = sample.instances.instances;
  if (first === undefined) throw new Error('empty sample');
  return {
    ...sample,
    instances: { ...sample.instances, instances: [{ ...first, name: 'renamed here' }, ...rest] },
    keys: { keys: sample.keys.keys.map((k, i) => (i === 0 ? { ...k, keyName: 'other' } : k)) },
  };
}

interface InstanceRow {
  id: string;
  name: string;
  adminKey: string;
}
const instancesIn = (sections: Record<string, unknown>): InstanceRow[] =>
  (sections['instances'] as { instances: InstanceRow[] }).instances;

describe('backup export', () => {
  it('needs the master password and a passphrase rated good or better', async () => {
    const fixture = await coreWith(sampleSections({ instances: 1, keys: 1 }));
    const wrong = await errorOf(() =>
      fixture.core.impl.backup.export({
        password: 'not the password',
        passphrase: PASSPHRASE,
        includeAudit: false,
      }),
    );
    expect(isAppError(wrong, 'wrong_password')).toBe(true);
    for (const passphrase of ['password123', 'short', 'mfkqzvtrwp']) {
      const weak = await errorOf(() =>
        fixture.core.impl.backup.export({ password: PASSWORD, passphrase, includeAudit: false }),
      );
      expect(isAppError(weak, 'weak_password'), passphrase).toBe(true);
      expect((weak as Error).message).toMatch(/too easy to guess/);
    }
  });

  it('holds only the chosen instances and their records, and is audited with its fingerprint', async () => {
    const sample = sampleSections({ instances: 3, keys: 9 });
    const fixture = await coreWith(sample);
    const chosen = sample.instances.instances[1]?.id ?? '';
    const file = await exported(fixture, [chosen]);
    expect(file.instances).toBe(1);
    const target = await coreWith(undefined);
    const preview = await target.core.impl.backup.preview({
      content: file.content,
      passphrase: PASSPHRASE,
    });
    expect(preview.items.map((i) => [i.id, i.keys, i.targets])).toEqual([[chosen, 3, 1]]);
    const log = await fixture.core.impl.audit.list({ action: 'backup.export', limit: 50 });
    expect(log.records[0]?.subject?.fingerprint).toBe(file.fingerprint);
    expect(log.records[0]?.detail).toContain('"server 2"');
    expect(JSON.stringify(log.records)).not.toContain('sk-backup-secret');
  });
});

describe('backup import into a vault that has instances', () => {
  it('previews identical, same-id and same-address instances', async () => {
    const sample = sampleSections({ instances: 3, keys: 6 });
    const file = await exported(await coreWith(sample));
    const [, second, third] = sample.instances.instances;
    const moved = {
      ...sample,
      instances: {
        instances: [
          ...edited(sample).instances.instances.slice(0, 2),
          { ...third, id: '9d0c4c6e-1111-4222-8333-944455556666', name: 'same address' },
        ],
      },
      keys: edited(sample).keys,
    };
    const target = await coreWith(moved);
    const preview = await target.core.impl.backup.preview({
      content: file.content,
      passphrase: PASSPHRASE,
    });
    expect(preview.auditRecords).toBeGreaterThan(0);
    expect(preview.items.map((i) => [i.status, i.conflict, i.mine?.name])).toEqual([
      ['conflict', 'same-id', 'renamed here'],
      ['identical', undefined, second?.name],
      ['conflict', 'same-address', 'same address'],
    ]);
  });

  it('keeps mine, takes theirs or keeps both, per instance, in one save, audited', async () => {
    const sample = sampleSections({ instances: 2, keys: 4 });
    const file = await exported(await coreWith(sample));
    const [first, second] = sample.instances.instances;
    if (first === undefined || second === undefined) throw new Error('sample');
    const mine = edited(sample);
    const renamedSecond = { ...second, name: 'mine too' };
    mine.instances.instances[1] = renamedSecond;
    const target = await coreWith(mine);
    const writes = target.files.writes;
    const result = await target.core.impl.backup.import({
      content: file.content,
      passphrase: PASSPHRASE,
      resolutions: { [first.id]: 'both', [second.id]: 'theirs' },
    });
    expect(result).toMatchObject({ added: 0, replaced: 1, keptBoth: 1, keptMine: 0 });
    // One save for every change, one for its audit record.
    expect(target.files.writes - writes).toBe(2);
    const log = await target.core.impl.audit.list({ action: 'backup.import', limit: 50 });
    expect(log.records[0]?.subject?.fingerprint).toBe(file.fingerprint);
    expect(log.records[0]?.detail).toContain(new Date(file.createdAt).toISOString());
    const after = await sectionsOf(target.core, target.ports, ['instances', 'keys']);
    const names = instancesIn(after).map((i) => i.name);
    expect(names.sort()).toEqual(['renamed here', 'server 1 (from backup)', 'server 2']);
    const copy = instancesIn(after).find((i) => i.name === 'server 1 (from backup)');
    expect(copy?.id).not.toBe(first.id);
    const keys = (after['keys'] as { keys: { instanceId: string }[] }).keys;
    expect(keys.filter((k) => k.instanceId === copy?.id)).toHaveLength(2);
    expect(keys.filter((k) => k.instanceId === first.id)).toHaveLength(2);
  });

  it('asks for a choice for every conflict, and changes nothing until it has one', async () => {
    const sample = sampleSections({ instances: 1, keys: 2 });
    const file = await exported(await coreWith(sample));
    const target = await coreWith(edited(sample));
    const writes = target.files.writes;
    const error = await errorOf(() =>
      target.core.impl.backup.import({
        content: file.content,
        passphrase: PASSPHRASE,
        resolutions: {},
      }),
    );
    expect(isAppError(error, 'bad_request')).toBe(true);
    expect((error as Error).message).toMatch(/Choose what to do with "server 1"/);
    expect(target.files.writes).toBe(writes);
  });

  it('refuses to replace an instance whose rotation has not finished here', async () => {
    const sample = sampleSections({ instances: 1, keys: 2 });
    const file = await exported(await coreWith(sample));
    const target = await coreWith(edited(sample));
    const id = sample.instances.instances[0]?.id ?? '';
    const error = await errorOf(() =>
      target.core.impl.backup.import({
        content: file.content,
        passphrase: PASSPHRASE,
        resolutions: { [id]: 'theirs' },
      }),
    );
    expect(isAppError(error, 'precondition_failed')).toBe(true);
  });
});

describe('backup restore as a new vault', () => {
  it('creates the vault under the new master password and fills it, audit log included', async () => {
    const sample = sampleSections({ instances: 2, keys: 4 });
    const source = await coreWith(sample);
    const sourceLog = await source.core.impl.audit.list({ limit: 500 });
    const file = await exported(source);
    const core = createCore(memoryCorePorts());
    const status = await core.impl.backup.restore({
      content: file.content,
      passphrase: PASSPHRASE,
      password: 'a brand new master password',
    });
    expect(status.state).toBe('unlocked');
    const list = await core.impl.instances.list();
    expect(list.instances.map((i) => i.name).sort()).toEqual(['server 1', 'server 2']);
    const log = await core.impl.audit.list({ limit: 500 });
    expect(log.total).toBe(sourceLog.total + 1);
    expect((await core.impl.audit.verify()).ok).toBe(true);
  });

  it('leaves no vault behind when the backup cannot be opened', async () => {
    const file = await exported(await coreWith(sampleSections({ instances: 1, keys: 1 })));
    const core = createCore(memoryCorePorts());
    const error = await errorOf(() =>
      core.impl.backup.restore({
        content: file.content,
        passphrase: 'the wrong one entirely',
        password: 'a brand new master password',
      }),
    );
    expect(isAppError(error, 'backup_wrong_passphrase')).toBe(true);
    expect((await core.impl.vault.status()).state).toBe('none');
  });
});
