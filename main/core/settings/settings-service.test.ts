import { describe, expect, it } from 'vitest';

import { DEFAULT_SETTINGS } from '../../../common/ipc/schemas/settings.js';
import { MemoryStateStore } from '../testing/memory-ports.js';
import { createSettingsService } from './settings-service.js';

describe('settings', () => {
  it('starts from the defaults and keeps updates', () => {
    const state = new MemoryStateStore();
    const settings = createSettingsService(state);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    settings.update({ autoLockMinutes: 12 });
    expect(createSettingsService(state).get()).toEqual({
      ...DEFAULT_SETTINGS,
      autoLockMinutes: 12,
    });
  });

  it('falls back to the defaults when the stored value is damaged', () => {
    const state = new MemoryStateStore();
    state.set('settings', { autoLockMinutes: 'soon', lockOnSleep: false });
    expect(createSettingsService(state).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses values out of range', () => {
    const settings = createSettingsService(new MemoryStateStore());
    expect(() => settings.update({ autoLockMinutes: -1 })).toThrow();
    expect(settings.get().autoLockMinutes).toBe(DEFAULT_SETTINGS.autoLockMinutes);
  });
});
