// Every renderer-to-main call and main-to-renderer event, defined once. Main validates arguments
// with these schemas before any handler runs; the renderer's `Api` type is derived from them.
import { z } from 'zod';

import type { ApiOf, ImplOf, RawApiOf } from './define.js';
import { method } from './define.js';
import { AppInfo } from './schemas/app.js';
import { Settings, SettingsPatch } from './schemas/settings.js';
import {
  ChangePasswordArgs,
  CreateVaultArgs,
  KeychainArgs,
  LockReason,
  UnlockArgs,
  VaultStatus,
} from './schemas/vault.js';

const none = z.tuple([]);

export const contract = {
  methods: {
    app: {
      info: method(none, AppInfo),
    },
    vault: {
      status: method(none, VaultStatus),
      create: method(z.tuple([CreateVaultArgs]), VaultStatus),
      unlock: method(z.tuple([UnlockArgs]), VaultStatus),
      unlockWithKeychain: method(none, VaultStatus),
      lock: method(none, VaultStatus),
      changePassword: method(z.tuple([ChangePasswordArgs]), z.void()),
      /** Keeps the damaged file aside, then opens the previous generation. */
      restoreBackup: method(none, VaultStatus),
      setKeychainUnlock: method(z.tuple([KeychainArgs]), VaultStatus),
    },
    settings: {
      get: method(none, Settings),
      update: method(z.tuple([SettingsPatch]), Settings),
    },
    session: {
      /** The person is at the keyboard: restarts the idle timer. */
      activity: method(none, z.void()),
    },
  },
  events: {
    'vault.locked': z.object({ reason: LockReason }),
    'vault.unlocked': z.object({}),
    'settings.changed': Settings,
  },
} as const;

export type Contract = typeof contract;
export type Api = ApiOf<Contract>;
export type RawApi = RawApiOf<Contract>;
export type ApiImpl = ImplOf<Contract>;
export type AppEventName = Extract<keyof Contract['events'], string>;
export type AppEventPayload<E extends AppEventName> = z.output<Contract['events'][E]>;
