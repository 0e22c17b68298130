// Two processes with the same vault open (the app and the fkv command line), acted out by two
// Vaults over one file store: each save first loads what the other saved, and never overwrites it.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { MemoryStateStore } from '../testing/memory-ports.js';
import { PASSWORD, vaultFixture } from './testing/vault-fixture.js';
import type { Vault } from './vault.js';

const List = z.array(z.string());

async function twoProcesses(ownState = true) {
  const fx = vaultFixture();
  await fx.vault.create(PASSWORD);
  // The other process keeps its own app state, as the CLI may; its first unlock says yes once.
  const other = fx.reopen(ownState ? { state: new MemoryStateStore() } : {});
  await other.unlock(PASSWORD, { allowRollback: ownState });
  return { ...fx, app: fx.vault, other };
}

/** A read-modify-write of one list, as every store in the core makes them. */
const append = (vault: Vault, item: string): Promise<void> =>
  vault.transact(async () => {
    const list = vault.readSection('list', List) ?? [];
    await vault.writeSection('list', [...list, item]);
  });

describe('a vault open in two processes', () => {
  it('keeps both processes’ changes to different sections', async () => {
    const { app, other, reopen } = await twoProcesses();
    await app.writeSection('a', ['1']);
    await other.writeSection('b', ['2']);
    await app.writeSection('c', ['3']);
    expect(app.readSection('b', List)).toEqual(['2']);
    const fresh = reopen();
    await fresh.unlock(PASSWORD);
    expect(['a', 'b', 'c'].map((s) => fresh.readSection(s, List))).toEqual([['1'], ['2'], ['3']]);
  });

  it('re-applies a read-modify-write on top of the other process’s, in alternation and at once', async () => {
    const { app, other, reopen } = await twoProcesses();
    for (let i = 0; i < 20; i++) {
      await append(app, `app-${i}`);
      await append(other, `cli-${i}`);
    }
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => [
        append(app, `app+${i}`),
        append(other, `cli+${i}`),
      ]).flat(),
    );
    const fresh = reopen();
    await fresh.unlock(PASSWORD);
    const list = fresh.readSection('list', List) ?? [];
    expect(list).toHaveLength(80);
    expect(new Set(list).size).toBe(80);
  });

  it('gives a new revision once the other process’s save is loaded, and keeps it until then', async () => {
    const { app, other } = await twoProcesses();
    const before = app.revision();
    await other.writeSection('b', ['2']);
    expect(app.readSection('b', List)).toBeUndefined();
    expect(app.revision()).toBe(before);
    await app.transact(() => Promise.resolve());
    expect(app.readSection('b', List)).toEqual(['2']);
    expect(app.revision()).not.toBe(before);
  });

  it('accepts the other process’s higher counter: no rollback prompt at the next unlock', async () => {
    const { app, other, files } = await twoProcesses();
    for (let i = 0; i < 5; i++) await other.writeSection('x', [String(i)]);
    await app.writeSection('y', ['app']);
    app.lock();
    await expect(app.unlock(PASSWORD)).resolves.toBeUndefined();
    other.lock();
    await expect(other.unlock(PASSWORD)).resolves.toBeUndefined();
    expect(files.writes).toBe(7);
  });

  it('after the other process changed the password, a save refuses, locks, and leaves the file', async () => {
    const { app, other, files } = await twoProcesses();
    await other.changePassword(PASSWORD, 'another long passphrase');
    const before = Uint8Array.from(files.file ?? []);
    await expect(app.writeSection('a', ['lost?'])).rejects.toMatchObject({
      code: 'vault_locked',
      details: { reason: 'changed-elsewhere' },
      message: expect.stringContaining('password') as unknown,
    });
    expect(app.isUnlocked).toBe(false);
    expect(files.file).toEqual(before);
  });

  it('tells its session when it locked itself, so the window can say why', async () => {
    const { app, other } = await twoProcesses();
    const told: string[] = [];
    app.onLockedItself(() => told.push('locked'));
    await other.setKeychainUnlock(true, PASSWORD);
    await other.setKeychainUnlock(false, PASSWORD); // a fresh data key
    await expect(app.writeSection('a', ['x'])).rejects.toMatchObject({ code: 'vault_locked' });
    expect(told).toEqual(['locked']);
  });

  it('never overwrites an older generation put in place by the other process (a restore)', async () => {
    const { app, other, files } = await twoProcesses();
    await app.writeSection('a', ['1']);
    await app.writeSection('a', ['2']);
    await other.restoreBackup();
    const restored = Uint8Array.from(files.file ?? []);
    await expect(app.writeSection('a', ['3'])).rejects.toMatchObject({
      code: 'vault_locked',
      details: { reason: 'changed-elsewhere' },
    });
    expect(files.file).toEqual(restored);
  });

  it('refuses to create a vault that another process created meanwhile', async () => {
    const fx = vaultFixture();
    const second = fx.reopen();
    const outcomes = await Promise.allSettled([fx.vault.create(PASSWORD), second.create(PASSWORD)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({
      reason: { code: 'vault_exists' },
    });
    expect(fx.files.writes).toBe(1);
  });
});
