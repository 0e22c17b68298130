// The start most specs share: a new vault, then the Flowise server it manages added on the
// Instances page, as a new user does it through the screens.
import type { Page } from '@playwright/test';

import type { InstanceInput } from './instances-pages.js';
import { InstancesPage } from './instances-pages.js';
import { AppFrame, CreateVaultPage } from './vault-pages.js';

/** The master password of the vaults the specs create. */
export const PASSWORD = 'correct horse battery staple 7';

/** Creates the vault with PASSWORD and adds `server` as the instance "local" with its bootstrap
 * key (or as `instance` says), waiting until it is saved; the Instances page stays open. Hands
 * back the frame, to move on to another section. */
export async function createVaultAndAddInstance(
  page: Page,
  server: { url: string; apiKey: string },
  instance: Partial<InstanceInput> = {},
): Promise<AppFrame> {
  await new CreateVaultPage(page).create(PASSWORD);
  const frame = new AppFrame(page);
  await frame.open('Instances');
  await new InstancesPage(page).add({
    name: 'local',
    baseUrl: server.url,
    adminKey: server.apiKey,
    ...instance,
  });
  return frame;
}
