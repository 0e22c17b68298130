import { describe, expect, it, vi } from 'vitest';

import type { Api } from '../../common/ipc/contract.js';
import type { VaultStatus } from '../../common/ipc/schemas/vault.js';
import type { TestCoreInit } from '../testing/test-core.js';
import { createTestCore, damageVault, rollBackVault, TEST_PASSWORD } from '../testing/test-core.js';
import { createVaultStore } from './vault-store.js';

const PASSWORD = TEST_PASSWORD;
const VAULT_PATH = '/vaults/test/vault.fkv';

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

async function connected(init: TestCoreInit = {}) {
  const fake = await createTestCore(init);
  const store = createVaultStore(fake.api);
  const disconnect = store.getState().connect();
  await vi.waitFor(() => {
    expect(store.getState().status).not.toBeNull();
  });
  return { fake, store, disconnect };
}

describe('createVaultStore', () => {
  it('starts empty and loads the status on connect', async () => {
    const fake = await createTestCore({ vault: 'none' });
    const store = createVaultStore(fake.api);
    expect(store.getState().status).toBeNull();
    store.getState().connect();
    await vi.waitFor(() => {
      expect(store.getState().status).not.toBeNull();
    });
    expect(store.getState().status?.state).toBe('none');
    expect(store.getState().status?.path).toBe(VAULT_PATH);
  });

  it('create leaves the vault unlocked, with no password in the state', async () => {
    const { store } = await connected({ vault: 'none' });
    const pending = store.getState().create(PASSWORD);
    expect(store.getState().busy).toBe(true);
    expect(await pending).toBeNull();
    expect(store.getState()).toMatchObject({ busy: false, error: null });
    expect(store.getState().status?.state).toBe('unlocked');
    expect(JSON.stringify(store.getState())).not.toContain(PASSWORD);
  });

  it('keeps an unlock failure as code, message and details, and never the password', async () => {
    const { store } = await connected({ vault: 'locked' });
    const error = await store.getState().unlock('not the password');
    expect(error?.code).toBe('wrong_password');
    expect(store.getState().error).toEqual({
      action: 'unlock',
      code: 'wrong_password',
      message: `The master password does not open ${VAULT_PATH}.`,
      details: { path: VAULT_PATH },
    });
    expect(store.getState().status?.state).toBe('locked');
    expect(JSON.stringify(store.getState())).not.toContain('not the password');

    expect(await store.getState().unlock(PASSWORD)).toBeNull();
    expect(store.getState().error).toBeNull();
    expect(store.getState().status?.state).toBe('unlocked');
    expect(JSON.stringify(store.getState())).not.toContain(PASSWORD);
  });

  it('passes allowRollback on only when asked', async () => {
    const { fake, store } = await connected();
    await rollBackVault(fake);
    expect((await store.getState().unlock(PASSWORD))?.code).toBe('vault_rollback');
    expect(await store.getState().unlock(PASSWORD, { allowRollback: true })).toBeNull();
  });

  it('turns anything but an AppError into a generic message', async () => {
    const { fake, store } = await connected({ vault: 'locked' });
    fake.failNext('vault.unlock', new Error(`boom ${PASSWORD}`));
    await store.getState().unlock(PASSWORD);
    expect(store.getState().error?.code).toBe('internal');
    expect(JSON.stringify(store.getState())).not.toContain(PASSWORD);
  });

  it('goes to locked at once on a vault.locked event, with its reason', async () => {
    const { fake, store } = await connected({ vault: 'locked' });
    await store.getState().unlock(PASSWORD);
    fake.lockFromMain('idle');
    expect(store.getState().status?.state).toBe('locked');
    expect(store.getState().status?.lastLockReason).toBe('idle');
    await settle();
    expect(store.getState().status).toMatchObject({ state: 'locked', lastLockReason: 'idle' });
  });

  it('a refresh that started before a lock cannot undo it', async () => {
    const fake = await createTestCore({ vault: 'locked' });
    let answerStale: (status: VaultStatus) => void = () => undefined;
    let holdNext = false;
    const api: Api = {
      ...fake.api,
      vault: {
        ...fake.api.vault,
        status: () => {
          if (!holdNext) return fake.api.vault.status();
          holdNext = false;
          return new Promise<VaultStatus>((resolve) => (answerStale = resolve));
        },
      },
    };
    const store = createVaultStore(api);
    store.getState().connect();
    await store.getState().unlock(PASSWORD);
    await settle();
    const unlocked = store.getState().status!;
    holdNext = true;
    const stale = store.getState().refresh();
    fake.lockFromMain('screen');
    await settle();
    answerStale(unlocked);
    await stale;
    expect(store.getState().status).toMatchObject({ state: 'locked', lastLockReason: 'screen' });
  });

  it('refreshes on vault.unlocked and stops listening on disconnect', async () => {
    const { fake, store, disconnect } = await connected({ vault: 'locked' });
    expect(fake.listenerCount('vault.locked')).toBe(1);
    await fake.api.vault.unlock({ password: PASSWORD });
    await settle();
    expect(store.getState().status?.state).toBe('unlocked');
    disconnect();
    expect(fake.listenerCount('vault.locked')).toBe(0);
    expect(fake.listenerCount('vault.unlocked')).toBe(0);
  });

  it('lock, change password, keychain and backup go through the Api', async () => {
    const { fake, store } = await connected({ vault: 'locked' });
    await store.getState().unlock(PASSWORD);
    expect((await store.getState().changePassword('wrong', 'next one 123'))?.code).toBe(
      'wrong_password',
    );
    expect(store.getState().error?.action).toBe('changePassword');
    expect(await store.getState().changePassword(PASSWORD, 'next one 123')).toBeNull();
    expect((await store.getState().setKeychainUnlock(true, 'wrong'))?.code).toBe('wrong_password');
    expect(await store.getState().setKeychainUnlock(true, 'next one 123')).toBeNull();
    expect(store.getState().status?.keychain.enabled).toBe(true);
    expect(await store.getState().lock()).toBeNull();
    expect(store.getState().status).toMatchObject({ state: 'locked', lastLockReason: 'manual' });
    expect(await store.getState().unlockWithKeychain()).toBeNull();
    // Every save keeps the one before it, so this vault has a backup to go back to.
    expect(await store.getState().restoreBackup()).toBeNull();
    expect(store.getState().status?.state).toBe('locked');
    expect(fake.calls).toContain('vault.restoreBackup');
    expect(JSON.stringify(store.getState())).not.toContain('next one 123');
  });

  it('opens the backup of a damaged vault', async () => {
    const { fake, store } = await connected();
    await fake.api.vault.changePassword({ current: PASSWORD, next: 'newer one 1' });
    damageVault(fake);
    await store.getState().refresh();
    const error = await store.getState().unlock(PASSWORD);
    expect(error?.code).toBe('vault_corrupt');
    expect(store.getState().error?.details?.backupAvailable).toBe(true);
    expect(await store.getState().restoreBackup()).toBeNull();
    expect(store.getState().error).toBeNull();
    // The backup is the save before the damage, under the password of that save.
    expect(await store.getState().unlock('newer one 1')).toBeNull();
  });
});
