// The key the vault manages a server with, against the real Flowise: the Keys list marks it "Used
// by this vault" (with what it lacks of what the app needs, on 3.0.13+), and its Delete dialog
// refuses and offers the admin key's own rotation instead. The admin key is one this spec creates,
// holding every permission but credentials:delete, so no key the run shares is ever at stake.
import { randomBytes } from 'node:crypto';

import { flowiseRest } from '../flowise/flowise-rest.js';
import { expect, test } from './fixtures.js';
import { InstancesPage } from './pages/instances-pages.js';
import { KeysPage } from './pages/keys-pages.js';
import { RotationWizard } from './pages/rotation-pages.js';
import { createVaultAndAddInstance } from './pages/vault-setup-pages.js';

const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

test('the admin key is marked "Used by this vault" and its Delete dialog offers "Rotate the admin key" instead', async ({
  app,
  flowise,
}) => {
  const rest = flowiseRest(flowise);
  const perKey = flowise.generation === '3.0.13+';
  const everything = (await rest.listKeys()).find((k) => k.id === flowise.apiKeyId)?.permissions;
  const adminName = unique('e2e-admin');
  const admin = await rest.createKey(
    adminName,
    perKey ? (everything ?? []).filter((p) => p !== 'credentials:delete') : undefined,
  );
  try {
    const frame = await createVaultAndAddInstance(app.page, flowise, { adminKey: admin.apiKey });
    const instances = new InstancesPage(app.page);
    await instances.test('local');
    if (perKey)
      await expect(instances.adminKeyLacks('local')).toHaveText(
        'The admin key lacks credentials:delete, which this app needs to manage the server.',
      );
    else await expect(instances.adminKeyLacks('local')).toHaveCount(0);

    await frame.open('Keys');
    const keys = new KeysPage(app.page);
    await keys.find(adminName);
    await expect(keys.vaultMark(adminName)).toHaveText(
      perKey ? 'Used by this vault — missing credentials:delete' : 'Used by this vault',
    );

    const remove = await keys.askDelete(adminName);
    await expect(remove.dialog).toContainText('This vault manages the server with this key');
    await expect(remove.deleteButton).toHaveCount(0);
    await remove.rotateAdminButton.click();
    const wizard = new RotationWizard(app.page);
    await expect(wizard.adminNote).toBeVisible();
    await expect(remove.dialog).toBeHidden();
    expect((await rest.listKeys()).map((k) => k.id)).toContain(admin.id);
  } finally {
    await rest.call('DELETE', `/apikey/${admin.id}`);
  }
});
