import { randomFillSync } from 'node:crypto';

import { beforeEach, describe, expect, it, vi } from 'vitest';

import { isAppError } from '../../common/errors.js';
import {
  createSafeStorageProtector,
  KEYCHAIN_OFF_REASON,
  LINUX_NO_KEYCHAIN_REASON,
} from './safe-storage-protector.js';
import { resetElectronFake, safeStorage } from './testing/electron-fake.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

const KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256);

/** Node's current shared allocation pool: any small Buffer.from lands in it. */
function currentPool(): Buffer {
  const probe = Buffer.from([0]);
  return Buffer.from(probe.buffer);
}

/** A key that only ever lives in memory of its own, so finding it in the pool means we put it there. */
function unpooledKey(): Uint8Array {
  return randomFillSync(new Uint8Array(32));
}

describe('createSafeStorageProtector', () => {
  beforeEach(() => {
    resetElectronFake();
  });

  it.each(['basic_text', 'unknown'])(
    'refuses the Linux %s backend, with the reason',
    async (backend) => {
      safeStorage.backend = backend;
      const protector = createSafeStorageProtector(undefined, 'linux');
      await expect(protector.availability()).resolves.toEqual({
        available: false,
        backend,
        reason: LINUX_NO_KEYCHAIN_REASON,
      });
      const error: unknown = await protector.protect(KEY).catch((e: unknown) => e);
      expect(isAppError(error, 'keychain_unavailable')).toBe(true);
      await expect(protector.unprotect(KEY)).rejects.toMatchObject({
        code: 'keychain_unavailable',
      });
    },
  );

  it('reports the reason when encryption is unavailable', async () => {
    safeStorage.available = false;
    const protector = createSafeStorageProtector(undefined, 'darwin');
    await expect(protector.availability()).resolves.toEqual({
      available: false,
      backend: 'keychain',
      reason: KEYCHAIN_OFF_REASON,
    });
  });

  it.each([
    ['linux', 'gnome_libsecret'],
    ['linux', 'kwallet6'],
    ['darwin', 'keychain'],
    ['win32', 'dpapi'],
  ] as const)('on %s reports the %s backend', async (platform, backend) => {
    safeStorage.backend = platform === 'linux' ? backend : 'basic_text';
    const protector = createSafeStorageProtector(undefined, platform);
    await expect(protector.availability()).resolves.toEqual({ available: true, backend });
  });

  it('round-trips bytes through base64 and the keychain', async () => {
    const encrypt = vi.spyOn(safeStorage, 'encryptStringAsync');
    const protector = createSafeStorageProtector(undefined, 'linux');
    const blob = await protector.protect(KEY);
    expect(encrypt).toHaveBeenCalledWith(Buffer.from(KEY).toString('base64'));
    expect(Buffer.from(blob).includes(Buffer.from(KEY))).toBe(false);
    await expect(protector.unprotect(blob)).resolves.toEqual(KEY);
  });

  it('turns keychain errors into keychain_failed without quoting them', async () => {
    const protector = createSafeStorageProtector(undefined, 'linux');
    const error: unknown = await protector
      .unprotect(Uint8Array.from([1, 2, 3]))
      .catch((e: unknown) => e);
    expect(isAppError(error, 'keychain_failed')).toBe(true);
    expect((error as Error).message).not.toContain('safeStorage');
  });

  it('rejects a decrypted value that is not base64', async () => {
    const protector = createSafeStorageProtector(undefined, 'linux');
    const blob = await safeStorage.encryptStringAsync('not base64!');
    await expect(protector.unprotect(blob)).rejects.toMatchObject({ code: 'keychain_failed' });
  });

  it('protect copies no key byte into the shared Buffer pool', async () => {
    const protector = createSafeStorageProtector(undefined, 'linux');
    const key = unpooledKey();
    await protector.protect(key);
    expect(currentPool().includes(Buffer.from(key.buffer))).toBe(false);
  });

  it('unprotect returns the key in memory of its own and leaves no copy in the shared Buffer pool', async () => {
    const protector = createSafeStorageProtector(undefined, 'linux');
    const key = unpooledKey();
    // Sealed straight through the fake, so only unprotect could have put the key in the pool.
    const blob = await safeStorage.encryptStringAsync(Buffer.from(key.buffer).toString('base64'));
    const back = await protector.unprotect(blob);
    expect(back).toEqual(key);
    expect(back.byteOffset).toBe(0);
    expect(back.buffer.byteLength).toBe(back.length);
    expect(currentPool().includes(Buffer.from(key.buffer))).toBe(false);
  });
});
