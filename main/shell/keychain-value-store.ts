// SecureValueStore over the OS keychain (macOS Keychain, Windows Credential Manager, the Secret
// Service on Linux) through @napi-rs/keyring. It holds only small non-secret values that must not
// be editable by hand, such as the vault's rollback counter. Every call is bounded in time: a
// keychain that is locked and prompting, or absent, must never hold up a vault save.
import type * as Keyring from '@napi-rs/keyring';

import type { SecureValueStore } from '../core/ports.js';

type KeyringModule = Pick<typeof Keyring, 'AsyncEntry'>;

export interface KeychainValueStoreOptions {
  /** The service name entries are filed under. */
  service?: string;
  /** Told apart per app data folder (say), so two installations on one OS account (a packaged
   * app and a development build) never overwrite each other's entries. */
  scope?: string;
  timeoutMs?: number;
  /** Loads the native module; tests pass their own. Loaded on first use, so a platform where it
   * cannot load only loses this store, never the app start. */
  load?: () => Promise<KeyringModule>;
}

export const KEYCHAIN_SERVICE = 'Flowise Key Vault';

export function createKeychainValueStore(
  options: KeychainValueStoreOptions = {},
): SecureValueStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const timeoutMs = options.timeoutMs ?? 3000;
  const load = options.load ?? (() => import('@napi-rs/keyring'));
  let loaded: Promise<KeyringModule> | undefined;

  async function bounded<T>(
    name: string,
    call: (entry: InstanceType<KeyringModule['AsyncEntry']>, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error('The OS keychain did not answer in time.'));
      }, timeoutMs);
    });
    try {
      loaded ??= load();
      const { AsyncEntry } = await Promise.race([loaded, timeout]);
      const account = options.scope === undefined ? name : `${name} (${options.scope})`;
      return await Promise.race([
        call(new AsyncEntry(service, account), controller.signal),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get: (name) => bounded(name, (entry, signal) => entry.getPassword(signal)),
    set: (name, value) => bounded(name, (entry, signal) => entry.setPassword(value, signal)),
  };
}
