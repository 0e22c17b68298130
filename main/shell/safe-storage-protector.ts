// KeyProtector over Electron's safeStorage, async API only (the sync trio is deprecated in 45 and
// removed in 46). It is a second wrap of the data key, so it refuses Linux's basic_text fallback,
// which "encrypts" with a password hard-coded in Chromium.
import { safeStorage } from 'electron';

import { AppError } from '../../common/errors.js';
import type { KeyProtector, ProtectorAvailability } from '../core/ports.js';

export type SafeStorageApi = Pick<
  Electron.SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>;

export const LINUX_NO_KEYCHAIN_REASON =
  'Linux has no secret service (GNOME Keyring or KWallet) running, so the system keychain would ' +
  'store the key with a hard-coded password. Unlock with your master password instead.';

export const KEYCHAIN_OFF_REASON =
  'The system keychain is not available right now. Unlock with your master password instead.';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function backendName(storage: SafeStorageApi, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  // Only Linux names its backend; 'unknown' means asked before app 'ready'.
  return platform === 'linux' ? storage.getSelectedStorageBackend() : 'unknown';
}

/** A Buffer over the caller's bytes, not a copy: a small Buffer.from(bytes) would land the key in
 * Node's shared allocation pool, next to unrelated data, where it can never be wiped. */
function viewOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decodes straight into memory of its own (Buffer.alloc is never pooled), so the caller's
 * fill(0) wipes the only binary copy. */
function decodeUnpooled(base64: string): Uint8Array {
  const out = Buffer.alloc(Buffer.byteLength(base64, 'base64'));
  const written = out.write(base64, 'base64');
  return new Uint8Array(out.buffer, out.byteOffset, written);
}

export function createSafeStorageProtector(
  storage: SafeStorageApi = safeStorage,
  platform: NodeJS.Platform = process.platform,
): KeyProtector {
  async function availability(): Promise<ProtectorAvailability> {
    let available: boolean;
    try {
      // Also initialises the async encryptor, so the backend below is the settled one.
      available = await storage.isAsyncEncryptionAvailable();
    } catch {
      available = false;
    }
    const backend = backendName(storage, platform);
    if (backend === 'basic_text' || (platform === 'linux' && backend === 'unknown')) {
      return { available: false, backend, reason: LINUX_NO_KEYCHAIN_REASON };
    }
    if (!available) return { available: false, backend, reason: KEYCHAIN_OFF_REASON };
    return { available: true, backend };
  }

  async function requireAvailable(): Promise<void> {
    const state = await availability();
    if (!state.available) {
      throw new AppError('keychain_unavailable', state.reason ?? KEYCHAIN_OFF_REASON, {
        backend: state.backend,
      });
    }
  }

  return {
    availability,
    // safeStorage takes strings, so bytes travel as base64. Errors are replaced, never quoted.
    // That base64 string is the one copy we cannot wipe: JS strings are immutable.
    async protect(data) {
      await requireAvailable();
      try {
        const sealed = await storage.encryptStringAsync(viewOf(data).toString('base64'));
        return new Uint8Array(sealed);
      } catch {
        throw new AppError('keychain_failed', 'The system keychain could not protect the key.');
      }
    },
    async unprotect(blob) {
      await requireAvailable();
      let text: string;
      try {
        // shouldReEncrypt (a rotated OS key) is not acted on: the port has no way to say so, and
        // the wrap is rewritten whenever keychain unlock is turned on again.
        ({ result: text } = await storage.decryptStringAsync(viewOf(blob)));
      } catch {
        throw new AppError('keychain_failed', 'The system keychain could not unlock the key.');
      }
      if (!BASE64.test(text)) {
        throw new AppError('keychain_failed', 'The system keychain returned damaged data.');
      }
      return decodeUnpooled(text);
    },
  };
}
