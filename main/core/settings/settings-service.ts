// Non-secret preferences, kept in the StateStore (electron-store in the app). A damaged or
// hand-edited value falls back to the default rather than stopping the app.
import type { Settings, SettingsPatch } from '../../../common/ipc/schemas/settings.js';
import {
  DEFAULT_SETTINGS,
  Settings as SettingsSchema,
} from '../../../common/ipc/schemas/settings.js';
import type { StateStore } from '../ports.js';

const KEY = 'settings';

export interface SettingsService {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

export function createSettingsService(state: StateStore): SettingsService {
  const read = (): Settings => {
    const parsed = SettingsSchema.partial().safeParse(state.get(KEY));
    const stored = parsed.success ? parsed.data : {};
    return SettingsSchema.parse({ ...DEFAULT_SETTINGS, ...stripUndefined(stored) });
  };
  return {
    get: read,
    update(patch) {
      const next = SettingsSchema.parse({ ...read(), ...stripUndefined(patch) });
      state.set(KEY, next);
      return next;
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
