import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { PASSWORD, vaultFixture } from './testing/vault-fixture.js';

/** A vault saved twice whose file then went missing: only its backup is left. */
async function missingNextToBackup() {
  const fixture = vaultFixture();
  await fixture.vault.create(PASSWORD);
  await fixture.vault.writeSection('n', 1);
  await fixture.vault.writeSection('n', 2);
  fixture.vault.lock();
  const backup = Uint8Array.from(fixture.files.backup!);
  fixture.files.file = null;
  return { ...fixture, backup };
}

describe('Vault missing next to earlier files', () => {
  it('a missing vault next to its backup reports state missing with the leftover files, not none', async () => {
    const { files, reopen } = await missingNextToBackup();
    const status = await reopen().status();
    expect(status).toMatchObject({
      state: 'missing',
      backupAvailable: true,
      leftovers: [files.backupPath],
    });
  });

  it('create refuses to make a new vault over a leftover backup unless confirmed, then keeps it aside instead of overwriting it', async () => {
    const { files, backup, reopen } = await missingNextToBackup();
    const vault = reopen();
    const error = await vault.create(PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'vault_leftovers',
      details: { path: files.path, leftovers: files.backupPath },
    });
    expect(files.file).toBeNull();
    expect(files.backup).toEqual(backup);

    await vault.create(PASSWORD, { replaceLeftovers: true });
    await vault.writeSection('n', 'new');
    await vault.writeSection('n', 'newer');
    const [kept] = [...files.setAside.values()];
    expect(kept?.backup).toEqual(backup);
    expect((await vault.status()).state).toBe('unlocked');
  });

  it('a missing vault next to its backup can be restored and opened without a rollback prompt', async () => {
    const { reopen } = await missingNextToBackup();
    const vault = reopen();
    await vault.restoreBackup();
    expect((await vault.status()).state).toBe('locked');
    await vault.unlock(PASSWORD);
    expect(vault.readSection('n', z.number())).toBe(1);
  });
});
