// An in-memory Api for renderer tests: a vault with one password, settings, instances, and events
// that fire the way main fires them. Product code never imports this file.
import { AppError } from '../../common/errors.js';
import type { Api, AppEventName, AppEventPayload } from '../../common/ipc/contract.js';
import type { Unsubscribe } from '../../common/ipc/define.js';
import type { Settings } from '../../common/ipc/schemas/settings.js';
import { DEFAULT_SETTINGS, weakenings } from '../../common/ipc/schemas/settings.js';
import type {
  AppNotice,
  KeychainStatus,
  LockReason,
  VaultState,
  VaultStatus,
} from '../../common/ipc/schemas/vault.js';
import type { FakeCredentials } from './fake-credentials.js';
import { createFakeCredentials } from './fake-credentials.js';
import type { FakeConnection, FakeInstances, FakeSeed } from './fake-instances.js';
import { createFakeInstances } from './fake-instances.js';
import type { FakeKeys } from './fake-keys.js';
import { createFakeKeys } from './fake-keys.js';
import type { FakeRotation } from './fake-rotation.js';
import { createFakeRotation } from './fake-rotation.js';
import type { FakeRotationBatch } from './fake-rotation-batch.js';
import { createFakeRotationBatch } from './fake-rotation-batch.js';

export const FAKE_VAULT_PATH = '/home/test/.config/flowise-key-vault/vault.fkv';

export interface FakeApiInit {
  state?: VaultState;
  /** The password that opens the fake vault when it starts locked. */
  password?: string;
  keychain?: Partial<KeychainStatus>;
  backupAvailable?: boolean;
  lastLockReason?: LockReason;
  settings?: Partial<Settings>;
  /** The file is damaged: unlock fails with vault_corrupt until restoreBackup, whose backup
   * opens with `backupPassword`. Implies backupAvailable. */
  damaged?: { backupPassword: string };
  /** The file is older than the newest one written ('unverified': no trusted record of its
   * saves exists): unlock needs allowRollback. */
  rollback?: boolean | 'unverified';
  /** With state 'missing': the earlier files next to the missing vault. restoreBackup opens the
   * backup (with `password`); create needs replaceLeftovers. */
  leftovers?: string[];
  /** Start-up notices, reported until the vault is first opened. */
  notices?: AppNotice[];
  /** Instances saved in the vault, with the outcome of their last test if any; the first is active. */
  instances?: (FakeSeed & { lastCheck?: FakeConnection })[];
  /** What connection tests find until `instances.setConnection` changes it; ok by default. */
  connection?: FakeConnection;
  /** app.info's answer on whether a screen lock can be seen; left out by default. */
  screenLockDetectable?: boolean;
}

export interface FakeApi {
  readonly api: Api;
  /** Every method called, as "namespace.name", in order. */
  readonly calls: string[];
  /** Makes the next call of `method` (e.g. "vault.unlock") reject with `error`. */
  failNext(method: string, error: Error): void;
  emit<E extends AppEventName>(event: E, payload: AppEventPayload<E>): void;
  /** Locks as main would on idle, screen lock or sleep: state first, then the event. */
  lockFromMain(reason: LockReason): void;
  listenerCount(event: AppEventName): number;
  /** The main side of instances: stored admin keys, scripted connection tests, snapshots. */
  readonly instances: FakeInstances;
  /** The main side of keys, chatflows, audit and the clipboard. */
  readonly keys: FakeKeys;
  /** The main side of credentials: stored secrets, and the flows that use each credential. */
  readonly credentials: FakeCredentials;
  /** The main side of rotations: scripted step failures. */
  readonly rotation: FakeRotation;
  /** The main side of bulk rotations: instances scripted as unreachable. */
  readonly rotationBatch: FakeRotationBatch;
  /** Moves the fake's clock, which stamps records and clipboard countdowns. */
  advance(ms: number): void;
}

export function createFakeApi(init: FakeApiInit = {}): FakeApi {
  let state: VaultState = init.state ?? 'none';
  let password = init.password ?? null;
  let lastLockReason = init.lastLockReason;
  let damaged = init.damaged;
  let notices = init.notices;
  let settings: Settings = { ...DEFAULT_SETTINGS, ...init.settings };
  let keychain: KeychainStatus = {
    enabled: false,
    available: true,
    backend: 'keychain',
    ...init.keychain,
  };
  const calls: string[] = [];
  const failures = new Map<string, Error>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const emit = <E extends AppEventName>(event: E, payload: AppEventPayload<E>): void => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };

  const status = (): VaultStatus => ({
    state,
    path: FAKE_VAULT_PATH,
    backupAvailable: init.backupAvailable ?? init.damaged !== undefined,
    keychain,
    ...(state === 'locked' && lastLockReason !== undefined ? { lastLockReason } : {}),
    ...(state === 'missing' ? { leftovers: init.leftovers ?? [] } : {}),
    ...(notices === undefined ? {} : { notices }),
  });

  // Every method goes through here: it is recorded, may fail on request, and settles later.
  async function call<T>(method: string, body: () => T): Promise<T> {
    calls.push(method);
    await Promise.resolve();
    const failure = failures.get(method);
    if (failure !== undefined) {
      failures.delete(method);
      throw failure;
    }
    return body();
  }

  const wrongPassword = (): AppError =>
    new AppError('wrong_password', `The master password does not open ${FAKE_VAULT_PATH}.`, {
      path: FAKE_VAULT_PATH,
    });

  const lock = (reason: LockReason): void => {
    if (state !== 'unlocked') return;
    state = 'locked';
    lastLockReason = reason;
    emit('vault.locked', { reason });
  };

  const open = (given: string, allowRollback = false): VaultStatus => {
    if (state === 'none') throw new AppError('vault_missing', 'There is no vault. Create one.');
    if (damaged !== undefined)
      throw new AppError(
        'vault_corrupt',
        `The vault file ${FAKE_VAULT_PATH} is damaged: it is empty. The file was left untouched and a backup of the previous save is available.`,
        { path: FAKE_VAULT_PATH, backupAvailable: true, reason: 'empty' },
      );
    if (init.rollback === 'unverified' && !allowRollback)
      throw new AppError(
        'vault_rollback',
        `This vault's history could not be checked: the app has no trusted record of the saves of ${FAKE_VAULT_PATH}.`,
        { path: FAKE_VAULT_PATH, counter: 7, updatedAt: Date.UTC(2026, 0, 2), unverified: true },
      );
    if (init.rollback === true && !allowRollback)
      throw new AppError(
        'vault_rollback',
        `The vault file ${FAKE_VAULT_PATH} is older than the newest one this app has saved.`,
        { path: FAKE_VAULT_PATH, counter: 3, highest: 5 },
      );
    if (given !== password) throw wrongPassword();
    state = 'unlocked';
    notices = undefined;
    emit('vault.unlocked', {});
    return status();
  };

  const instances = createFakeInstances(
    call,
    () => {
      if (state !== 'unlocked')
        throw new AppError('vault_locked', 'The vault is locked. Unlock it first.');
    },
    Date.now,
    (given) => {
      if (given !== password) throw wrongPassword();
    },
  );
  for (const { lastCheck, ...draft } of init.instances ?? []) instances.seed(draft, lastCheck);
  if (init.connection !== undefined) instances.setConnection(init.connection);

  let now = Date.UTC(2026, 0, 1);
  const unlocked = <T>(method: string, body: () => T): Promise<T> =>
    call(method, () => {
      if (state !== 'unlocked')
        throw new AppError('vault_locked', 'The vault is locked. Unlock it first.');
      return body();
    });
  const keys = createFakeKeys(unlocked, {
    emit,
    now: () => now,
    clipboardSeconds: () => settings.clipboardClearSeconds,
    instanceName: (id) => instances.snapshot().instances.find((i) => i.id === id)?.name ?? id,
  });
  const credentials = createFakeCredentials(unlocked, () => now);
  const rotation = createFakeRotation(unlocked, {
    keys: keys.keys,
    chatflows: keys.chatflows,
    emit,
    now: () => now,
    instanceName: (id) => instances.snapshot().instances.find((i) => i.id === id)?.name ?? id,
    adminKey: {
      of: (id) => instances.adminKeyOf(id),
      set: (id, value) => instances.api.update(id, { adminKey: value }),
    },
  });
  const rotationBatch = createFakeRotationBatch(unlocked, {
    keys: keys.keys,
    rotation,
    now: () => now,
  });

  const api: Api = {
    app: {
      info: () =>
        call('app.info', () => ({
          version: '0.0.0-test',
          platform: 'linux',
          host: 'harness',
          ...(init.screenLockDetectable === undefined
            ? {}
            : { screenLockDetectable: init.screenLockDetectable }),
        })),
    },
    vault: {
      status: () => call('vault.status', status),
      create: (args) =>
        call('vault.create', () => {
          if (state === 'missing' && args.replaceLeftovers !== true)
            throw new AppError('vault_leftovers', 'Earlier vault files are next to it.');
          if (state !== 'none' && state !== 'missing')
            throw new AppError('vault_exists', 'A vault already exists.');
          password = args.password;
          notices = undefined;
          state = 'unlocked';
          emit('vault.unlocked', {});
          return status();
        }),
      unlock: (args) =>
        call('vault.unlock', () => open(args.password, args.allowRollback === true)),
      unlockWithKeychain: () =>
        call('vault.unlockWithKeychain', () => {
          if (!keychain.enabled) throw new AppError('keychain_unavailable', 'Keychain is off.');
          return open(password ?? '');
        }),
      lock: () =>
        call('vault.lock', () => {
          lock('manual');
          return status();
        }),
      changePassword: (args) =>
        call('vault.changePassword', () => {
          if (args.current !== password) throw wrongPassword();
          password = args.next;
        }),
      restoreBackup: () =>
        call('vault.restoreBackup', () => {
          lock('manual');
          if (state === 'missing' && init.backupAvailable === true) {
            state = 'locked';
            return status();
          }
          if (damaged === undefined) throw new AppError('no_backup', 'There is no backup to open.');
          password = damaged.backupPassword;
          damaged = undefined;
          return status();
        }),
      setKeychainUnlock: (args) =>
        call('vault.setKeychainUnlock', () => {
          if (args.password !== password) throw wrongPassword();
          keychain = { ...keychain, enabled: args.enabled };
          return status();
        }),
    },
    settings: {
      get: () => call('settings.get', () => settings),
      update: ({ password: given, ...patch }) =>
        call('settings.update', () => {
          // As main does: a change that weakens a lock needs the master password.
          if (weakenings(settings, patch).length > 0) {
            if (given === undefined)
              throw new AppError('reauth_required', 'Enter the master password to save it.');
            if (given !== password) throw wrongPassword();
          }
          settings = { ...settings, ...patch } as Settings;
          emit('settings.changed', settings);
          return settings;
        }),
    },
    instances: instances.api,
    keys: { ...keys.keys, reveal: rotation.reveal(keys.keys.reveal) },
    chatflows: keys.chatflows,
    credentials: credentials.api,
    rotation: { ...rotation.api, ...rotationBatch.api },
    audit: keys.audit,
    clipboard: keys.clipboard,
    session: {
      activity: () => call('session.activity', () => undefined),
    },
    on(event, listener): Unsubscribe {
      const set = listeners.get(event) ?? new Set();
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      listeners.set(event, set);
      return () => {
        set.delete(wrapped);
      };
    },
  };

  return {
    api,
    calls,
    failNext: (method, error) => {
      failures.set(method, error);
    },
    emit,
    lockFromMain: lock,
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
    instances,
    keys,
    credentials,
    rotation,
    rotationBatch,
    advance: (ms) => {
      now += ms;
    },
  };
}
