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

  it('gives the Overview thresholds defaults, also to settings saved before they existed, and checks their range', () => {
    const state = new MemoryStateStore();
    state.set('settings', { autoLockMinutes: 3 });
    const settings = createSettingsService(state);
    expect(settings.get()).toMatchObject({
      autoLockMinutes: 3,
      keyMaxAgeDays: 90,
      manyFlowsThreshold: 10,
      graceLimitDays: 7,
    });
    for (const bad of [
      { keyMaxAgeDays: 0 },
      { keyMaxAgeDays: 1.5 },
      { manyFlowsThreshold: 0 },
      { graceLimitDays: 366 },
    ])
      expect(() => settings.update(bad)).toThrow();
    settings.update({ keyMaxAgeDays: 30, manyFlowsThreshold: 3, graceLimitDays: 1 });
    expect(createSettingsService(state).get()).toMatchObject({
      keyMaxAgeDays: 30,
      manyFlowsThreshold: 3,
      graceLimitDays: 1,
    });
  });
});
