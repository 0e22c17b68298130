// The encrypted backup against the real Flowise, as a person moving to a new machine does it: export
// the vault from Settings, lock it, restore the .fkvbak into a new data folder (a second app, as on
// the other machine), unlock there with the original master password, and every instance works.
import { randomBytes } from 'node:crypto';

import { flowiseRest } from '../flowise/flowise-rest.js';
import { expect, test } from './fixtures.js';
import { BackupBlock, RestoreBackupDialog } from './pages/backup-pages.js';
import { InstancesPage } from './pages/instances-pages.js';
import { KeysPage } from './pages/keys-pages.js';
import { AppFrame, CreateVaultPage, UnlockPage } from './pages/vault-pages.js';
import { PASSWORD, createVaultAndAddInstance } from './pages/vault-setup-pages.js';

const PASSPHRASE = 'violet umbrella quarry 48 lantern drift';

test('a backup exported, locked and restored into a new data folder unlocks with the original password, and every instance works', async ({
  app,
  freshApp,
  flowise,
}) => {
  const api = flowiseRest(flowise);
  const keyName = `e2e-backup-${randomBytes(4).toString('hex')}`;
  const key = await api.createKey(keyName);
  const names = ['dev', 'ops'];
  try {
    const [first = '', second = ''] = names;
    const frame = await createVaultAndAddInstance(app.page, flowise, { name: first });
    await new InstancesPage(app.page).add({
      name: second,
      baseUrl: flowise.url,
      adminKey: flowise.apiKey,
    });

    await frame.open('Settings');
    const download = await new BackupBlock(app.page).exportAll(PASSPHRASE, PASSWORD);
    expect(download.suggestedFilename()).toMatch(/\.fkvbak$/);
    const file = await download.path();
    await frame.lockButton.click();
    await expect(new UnlockPage(app.page).heading).toBeVisible();

    // The other machine: a new data folder, no vault in it yet.
    const other = await freshApp();
    expect(other.dataDir).not.toBe(app.dataDir);
    await expect(new CreateVaultPage(other.page).heading).toBeVisible();
    await new RestoreBackupDialog(other.page).restore(file, PASSPHRASE, PASSWORD);
    const otherFrame = new AppFrame(other.page);
    await otherFrame.lockButton.click();
    await new UnlockPage(other.page).unlock(PASSWORD);

    await otherFrame.open('Instances');
    const restored = new InstancesPage(other.page);
    const reachable = new RegExp(`^Reachable: Flowise ${flowise.version}, .+ valid$`);
    expect(await restored.names()).toEqual(names);
    for (const name of names) {
      await restored.test(name);
      await expect(restored.status(name)).toHaveText(reachable);
    }
    await otherFrame.open('Keys');
    for (const name of names) {
      await restored.switchActive(name);
      await new KeysPage(other.page).find(keyName);
    }
    expect(await other.page.content()).not.toContain(flowise.apiKey);
  } finally {
    await api.call('DELETE', `/apikey/${key.id}`);
  }
});
