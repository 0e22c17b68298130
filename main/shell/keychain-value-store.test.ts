import type * as Keyring from '@napi-rs/keyring';
import { describe, expect, it, vi } from 'vitest';

import { createKeychainValueStore, KEYCHAIN_SERVICE } from './keychain-value-store.js';

const saved = new Map<string, string>();
const opened: string[][] = [];

vi.mock('@napi-rs/keyring', () => ({
  AsyncEntry: class {
    constructor(
      private readonly service: string,
      private readonly user: string,
    ) {
      opened.push([service, user]);
    }
    getPassword(): Promise<string | null> {
      return Promise.resolve(saved.get(`${this.service}/${this.user}`) ?? null);
    }
    setPassword(value: string): Promise<void> {
      saved.set(`${this.service}/${this.user}`, value);
      return Promise.resolve();
    }
  },
}));

describe('createKeychainValueStore', () => {
  it("keeps values in the OS keychain under the app's service name", async () => {
    const store = createKeychainValueStore();
    expect(await store.get('vault.highestCounter')).toBeNull();
    await store.set('vault.highestCounter', '12');
    expect(await store.get('vault.highestCounter')).toBe('12');
    expect(opened).toContainEqual([KEYCHAIN_SERVICE, 'vault.highestCounter']);
  });

  it("two app data folders keep separate entries: one never overwrites the other's", async () => {
    const one = createKeychainValueStore({ scope: '/home/a/one' });
    const two = createKeychainValueStore({ scope: '/home/a/two' });
    await one.set('vault.highestCounter', '5');
    await two.set('vault.highestCounter', '9');
    expect(await one.get('vault.highestCounter')).toBe('5');
    expect(opened).toContainEqual([KEYCHAIN_SERVICE, 'vault.highestCounter (/home/a/one)']);
  });

  it('a keychain that never answers fails within the time limit instead of holding up a save', async () => {
    const hanging = {
      AsyncEntry: class {
        getPassword = (): Promise<string | null> => new Promise(() => undefined);
        setPassword = (): Promise<void> => new Promise(() => undefined);
      },
    } as unknown as typeof Keyring;
    const store = createKeychainValueStore({ timeoutMs: 20, load: () => Promise.resolve(hanging) });
    await expect(store.get('x')).rejects.toThrow('did not answer in time');
    await expect(store.set('x', '1')).rejects.toThrow('did not answer in time');
  });

  it('a keychain module that cannot load is a failed call, not a failed start', async () => {
    const store = createKeychainValueStore({
      load: () => Promise.reject(new Error('no native binding for this platform')),
    });
    await expect(store.get('x')).rejects.toThrow('no native binding');
  });
});
