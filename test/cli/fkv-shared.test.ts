// The app (the harness core, unlocked in this process all along) and the real fkv binary change one
// vault 200 times. In alternation: the app adds an instance, then `fkv keys create` makes a key on
// the fake Flowise and keeps it in the vault, ROUNDS times each (a spawn of fkv per change, so
// fewer of them). At once: one `fkv rotate --older-than 0d` rotates those keys and AT_ONCE - ROUNDS
// more made on the server, while the app adds AT_ONCE instances, paced by the requests fkv sends,
// so both write the vault in the same moments. No change is lost, the file opens after every
// change and throughout the race, and the audit chain verifies (in fkv too) with every record.
import { userInfo } from 'node:os';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AuditRecord } from '../../common/ipc/schemas/audit.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import { createDiskCore, NO_NETWORK, vaultOpens } from '../integration/disk-core.js';
import { sharedDraft } from '../integration/vault-shared-draft.js';
import type { VaultFolder } from './fkv-fixture.js';
import { addFakeInstance, makeVault, PASSWORD, runFkv } from './fkv-fixture.js';

/** 2 sides × ROUNDS in alternation + 2 sides × AT_ONCE at once = 200 changes. */
const ROUNDS = 20;
const AT_ONCE = 80;
const stdin = { input: `${PASSWORD}\n` };
const range = (prefix: string, length = ROUNDS): string[] =>
  Array.from({ length }, (_, i) => `${prefix}-${String(i)}`);
const sorted = (...lists: string[][]): string[] => lists.flat().sort();

let vault: VaultFolder;
let flowise: FakeFlowise;

beforeAll(async () => {
  flowise = await startFakeFlowise();
  vault = await makeVault();
  await addFakeInstance(vault, flowise);
}, 60_000);

afterAll(async () => {
  await vault.close();
  await flowise.close();
});

/** Roughly how many requests fkv sends between two of the app's changes during the race: its
 * requests pace the app, so the app's changes fall all through fkv's run. */
const STRIDE = 8;

/** The app adds an instance each STRIDE requests fkv sends the fake (from fkv's first on) until fkv
 * is done, and opens the file after each; notes how many requests fkv had sent by each add. */
async function addWhileFkvWorks(names: readonly string[], from: number, fkv: Promise<unknown>) {
  const seen: number[] = [];
  const unopened: string[] = [];
  for (const [i, name] of names.entries()) {
    await Promise.race([flowise.received(from + 1 + i * STRIDE), fkv]);
    await vault.api.instances.add(sharedDraft(name));
    seen.push(flowise.log.length);
    if (!(await vaultOpens(vault.dir, PASSWORD))) unopened.push(name);
  }
  return { seen, unopened };
}

describe('the app and fkv on one vault', () => {
  it('change it 200 times in alternation and at once: no change lost, the file always opens, the audit chain whole', async () => {
    const unopened: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await vault.api.instances.add(sharedDraft(`app-${String(i)}`));
      if (!(await vaultOpens(vault.dir, PASSWORD))) unopened.push(`app-${String(i)}`);
      const created = await runFkv(
        vault.dir,
        [
          'keys',
          'create',
          `cli-${String(i)}`,
          '--instance',
          'fake',
          '--permission',
          'chatflows:view',
          '--password-stdin',
        ],
        { ...stdin, reveal: true },
      );
      expect(created.code, created.stderr).toBe(0);
      if (!(await vaultOpens(vault.dir, PASSWORD))) unopened.push(`cli-${String(i)}`);
    }
    expect(unopened).toEqual([]);

    for (const name of range('srv', AT_ONCE - ROUNDS)) flowise.addKey(name, ['chatflows:view']);
    const rotatedNames = sorted(range('cli'), range('srv', AT_ONCE - ROUNDS));
    const first = flowise.log.length;
    const rotating = runFkv(
      vault.dir,
      ['rotate', '--older-than', '0d', '--instance', 'fake', '--yes', '--json', '--password-stdin'],
      stdin,
    );
    const { seen, unopened: unopenedInRace } = await addWhileFkvWorks(
      range('app+', AT_ONCE),
      first,
      rotating,
    );
    const rotated = await rotating;
    expect(rotated.code, rotated.stderr).toBe(0);
    const views = JSON.parse(rotated.stdout) as { oldKey: string; status: string }[];
    expect(sorted(views.filter((v) => v.status === 'done').map((v) => v.oldKey))).toEqual(
      rotatedNames,
    );
    // Truly at once: fkv was still sending requests after the app's last add.
    expect(seen.at(-1)).toBeLessThan(flowise.log.length);
    expect(unopenedInRace).toEqual([]);

    const verified = await runFkv(
      vault.dir,
      ['audit', 'verify', '--json', '--password-stdin'],
      stdin,
    );
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    const exported = await runFkv(
      vault.dir,
      ['audit', 'export', '--format', 'json', '--password-stdin'],
      stdin,
    );
    expect(exported.code, exported.stderr).toBe(0);
    const { records } = JSON.parse(exported.stdout) as { records: AuditRecord[] };
    const named = (action: string, osUser: string): string[] =>
      records
        .filter((r) => r.action === action && r.osUser === osUser)
        .map((r) => r.subject?.name ?? r.instanceName ?? '')
        .sort();
    const fkvUser = userInfo().username;
    const instanceNames = sorted(['fake'], range('app'), range('app+', AT_ONCE));
    expect(named('instance.add', 'harness')).toEqual(instanceNames);
    expect(named('key.create', fkvUser)).toEqual(range('cli').sort());
    expect([...new Set(named('rotation.step', fkvUser))].sort()).toEqual(rotatedNames);
    // Each fkv run's unlock: the creations, the rotation, the verify and this export.
    expect(named('vault.unlock', fkvUser)).toHaveLength(ROUNDS + 3);
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i));

    await vault.harness.core.shutdown();
    const fresh = createDiskCore(vault.dir, { http: NO_NETWORK });
    await fresh.api.vault.unlock({ password: PASSWORD, allowRollback: true });
    const names = (await fresh.api.instances.list()).instances.map((i) => i.name);
    expect(names.sort()).toEqual(instanceNames);
    // The journal keeps the latest finished rotations only; the audit log above has every one.
    const { rotations } = await fresh.api.rotation.list();
    expect(rotations.length).toBeGreaterThan(0);
    for (const rotation of rotations) {
      expect(rotation.status).toBe('done');
      expect(rotatedNames).toContain(rotation.oldKey.name);
    }
    await fresh.core.shutdown();
  }, 300_000);
});
