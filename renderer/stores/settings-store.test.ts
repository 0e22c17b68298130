import { describe, expect, it, vi } from 'vitest';

import { AppError } from '../../common/errors.js';
import { DEFAULT_SETTINGS } from '../../common/ipc/schemas/settings.js';
import { createTestCore, TEST_PASSWORD } from '../testing/test-core.js';
import { createSettingsStore } from './settings-store.js';

describe('createSettingsStore', () => {
  it('loads on connect and saves an update', async () => {
    const fake = await createTestCore();
    const store = createSettingsStore(fake.api);
    store.getState().connect();
    await vi.waitFor(() => {
      expect(store.getState().settings).toEqual(DEFAULT_SETTINGS);
    });

    // Turning sleep locking off weakens the vault, so the master password goes with it.
    const patch = { autoLockMinutes: 2, lockOnSleep: false, password: TEST_PASSWORD };
    expect(await store.getState().update(patch)).toBeNull();
    expect(store.getState().settings).toMatchObject({ autoLockMinutes: 2, lockOnSleep: false });
    expect(store.getState().settings).not.toHaveProperty('password');
    expect(store.getState().busy).toBe(false);
  });

  it('follows settings.changed from elsewhere and stops on disconnect', async () => {
    const fake = await createTestCore();
    const store = createSettingsStore(fake.api);
    const disconnect = store.getState().connect();
    await vi.waitFor(() => {
      expect(store.getState().settings).not.toBeNull();
    });
    fake.emit('settings.changed', { ...DEFAULT_SETTINGS, autoLockMinutes: 60 });
    expect(store.getState().settings?.autoLockMinutes).toBe(60);
    disconnect();
    expect(fake.listenerCount('settings.changed')).toBe(0);
  });

  it('keeps a failed update as an error and the old settings', async () => {
    const fake = await createTestCore();
    const store = createSettingsStore(fake.api);
    await store.getState().load();
    fake.failNext('settings.update', new AppError('bad_request', 'That is not a valid setting.'));
    const error = await store.getState().update({ autoLockMinutes: 3 });
    expect(error).toEqual({ code: 'bad_request', message: 'That is not a valid setting.' });
    expect(store.getState().error).toEqual(error);
    expect(store.getState().settings).toEqual(DEFAULT_SETTINGS);
  });
});
