// The production path (no injected cost) end to end, with Argon2 replaced by a fast stand-in so
// the test proves which parameters would be used without spending seconds deriving them.
import { createHash } from 'node:crypto';

import { describe, expect, it, vi } from 'vitest';

import { FakeClock } from '../testing/fake-clock.js';
import { InMemoryKeyProtector, MemoryLogger, MemoryStateStore } from '../testing/memory-ports.js';
import { MemoryVaultFileStore } from './testing/memory-file-store.js';
import { headerOf } from './testing/tamper.js';
import { PASSWORD } from './testing/vault-fixture.js';
import { Vault } from './vault.js';

interface Argon2Call {
  password: string;
  salt: Uint8Array;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}
const calls = vi.hoisted(() => [] as Argon2Call[]);

vi.mock('@node-rs/argon2', () => ({
  hashRaw: (password: string, options: Omit<Argon2Call, 'password'>) => {
    calls.push({ password, ...options });
    const hash = createHash('sha256');
    hash.update(password).update(options.salt);
    hash.update(`${options.memoryCost}/${options.timeCost}/${options.parallelism}`);
    return Promise.resolve(hash.digest());
  },
}));

describe('Vault without an injected KDF policy', () => {
  it('calibrates at ≥ 64 MiB / t ≥ 3 / p 1 and stores that in the header', async () => {
    const files = new MemoryVaultFileStore();
    const deps = {
      files,
      protector: new InMemoryKeyProtector(),
      state: new MemoryStateStore(),
      clock: new FakeClock(),
      logger: new MemoryLogger(),
    };
    await new Vault(deps).create(PASSWORD);
    const header = headerOf(files.file!) as unknown as {
      kdf: { memoryKiB: number; iterations: number; parallelism: number };
    };
    expect(header.kdf.memoryKiB).toBeGreaterThanOrEqual(64 * 1024);
    expect(header.kdf.iterations).toBeGreaterThanOrEqual(3);
    expect(header.kdf.iterations).toBeLessThanOrEqual(10);
    expect(header.kdf.parallelism).toBe(1);
    // The calibration run itself used the minimum; the key was derived with the stored cost.
    const real = calls.filter((c) => c.password !== 'calibration');
    expect(calls.some((c) => c.password === 'calibration' && c.memoryCost === 65536)).toBe(true);
    expect(real.map((c) => c.memoryCost)).toEqual([header.kdf.memoryKiB]);
    const reopened = new Vault(deps);
    await reopened.unlock(PASSWORD);
    expect(reopened.isUnlocked).toBe(true);
  });
});
