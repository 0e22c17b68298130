// The vault.* methods through createCore: a lock from the OS (sleep, screen lock) that arrives
// while Argon2 runs still wins, and every change to how the vault opens is audited.
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ApiImpl } from '../../../common/ipc/contract.js';
import { createCore } from '../create-core.js';
import type { Core } from '../create-core.js';
import { memoryCorePorts } from '../testing/memory-core.js';
import { InMemoryKeyProtector, RecordingEventSink } from '../testing/memory-ports.js';
import { PASSWORD } from './testing/vault-fixture.js';
import { hooks } from './testing/derive-hook.js';

vi.mock('./kdf.js', async (importOriginal) =>
  (await import('./testing/derive-hook.js')).hookedKdf(await importOriginal()),
);

afterEach(() => {
  hooks.onDerive = undefined;
});

interface Setup {
  core: Core;
  vault: ApiImpl['vault'];
  events: RecordingEventSink;
  protector: InMemoryKeyProtector;
}

function setup(): Setup {
  const events = new RecordingEventSink();
  const protector = new InMemoryKeyProtector();
  const core = createCore(memoryCorePorts({ events, protector }));
  return { core, vault: core.impl.vault, events, protector };
}

/** Ends locked, and the renderer was never told it unlocked after the lock arrived. */
async function expectLockedAfter(s: Setup, from: number): Promise<void> {
  expect((await s.vault.status()).state).toBe('locked');
  const later = s.events.events.slice(from).map((e) => e.event);
  expect(later).not.toContain('vault.unlocked');
}

describe('a lock from the OS while the key derivation runs', () => {
  it('during unlock: the vault stays locked and the unlock reports it', async () => {
    const s = setup();
    await s.vault.create({ password: PASSWORD });
    s.core.lock('manual');
    const from = s.events.events.length;
    hooks.onDerive = () => {
      s.core.lock('sleep');
    };
    await expect(s.vault.unlock({ password: PASSWORD })).rejects.toMatchObject({
      code: 'vault_locked',
    });
    await expectLockedAfter(s, from);
  });

  it('during unlock with the keychain: the vault stays locked', async () => {
    const s = setup();
    await s.vault.create({ password: PASSWORD });
    await s.vault.setKeychainUnlock({ enabled: true, password: PASSWORD });
    s.core.lock('manual');
    const from = s.events.events.length;
    const unprotect = s.protector.unprotect.bind(s.protector);
    s.protector.unprotect = (blob) => {
      s.core.lock('screen');
      return unprotect(blob);
    };
    await expect(s.vault.unlockWithKeychain()).rejects.toMatchObject({ code: 'vault_locked' });
    await expectLockedAfter(s, from);
  });

  it('during create: the vault is created and stays locked', async () => {
    const s = setup();
    hooks.onDerive = () => {
      s.core.lock('sleep');
    };
    const status = await s.vault.create({ password: PASSWORD });
    expect(status.state).toBe('locked');
    await expectLockedAfter(s, 0);
    await s.vault.unlock({ password: PASSWORD });
  });

  it('during a password change: the vault ends locked', async () => {
    const s = setup();
    await s.vault.create({ password: PASSWORD });
    hooks.onDerive = () => {
      s.core.lock('sleep');
    };
    await expect(
      s.vault.changePassword({ current: PASSWORD, next: 'a brand new passphrase' }),
    ).rejects.toMatchObject({ code: 'vault_locked' });
    const from = s.events.events.length;
    await expectLockedAfter(s, from);
    expect(s.events.events.at(-1)).toEqual({ event: 'vault.locked', payload: { reason: 'sleep' } });
  });
});

describe('keychain unlock through the contract', () => {
  it('turning keychain unlock on or off needs the master password and is audited', async () => {
    const s = setup();
    await s.vault.create({ password: PASSWORD });
    await expect(
      s.vault.setKeychainUnlock({ enabled: true, password: 'not the password' }),
    ).rejects.toMatchObject({ code: 'wrong_password' });
    expect(
      (await s.vault.setKeychainUnlock({ enabled: true, password: PASSWORD })).keychain,
    ).toMatchObject({ enabled: true });
    await s.vault.setKeychainUnlock({ enabled: false, password: PASSWORD });
    await s.vault.changePassword({ current: PASSWORD, next: 'a brand new passphrase' });
    const records = s.core.audit.list({}).records.reverse();
    expect(records.map((r) => [r.action, r.outcome, r.detail])).toEqual([
      ['vault.keychain_changed', 'failed', 'turned on'],
      ['vault.keychain_changed', 'ok', 'turned on'],
      ['vault.keychain_changed', 'ok', 'turned off, new data key'],
      ['vault.password_changed', 'ok', 'new data key'],
    ]);
  });
});
