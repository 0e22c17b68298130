// The whole app on the real core (test-core.ts), unlocked, on the Keys section of one instance
// ("Prod", on the main fake Flowise), with a window onto the keys store. The server also lists the
// admin key the instance is saved with ("admin"), as Flowise does. Product code never imports this
// file.
import { fireEvent, screen, within } from '@testing-library/react';

import type { KeysStoreState } from '../stores/keys-store.js';
import { useKeysStore } from '../stores/stores-context.js';
import { renderOn } from './show-app.js';
import type { MemoryServer } from './memory-flowise.js';
import type { TestCore, TestCoreInit } from './test-core.js';
import { createTestCore } from './test-core.js';

export interface KeysApp {
  fake: TestCore;
  /** The active instance's server (the main fake Flowise). */
  server: MemoryServer;
  instanceId: string;
  keysState: () => KeysStoreState;
}

export type KeysSeed = Omit<KeysApp, 'keysState'>;

export async function showKeys(
  seed: (app: KeysSeed) => Promise<void> | void = () => undefined,
  init: TestCoreInit = {},
): Promise<KeysApp> {
  const fake = await createTestCore({ instances: [{ name: 'Prod' }], ...init });
  const app = { fake, server: fake.server, instanceId: fake.instances[0]?.id ?? '' };
  await seed(app);
  const keysState = renderOn(fake.api, () => useKeysStore((s) => s));
  fireEvent.click(await screen.findByRole('button', { name: 'Keys' }));
  await screen.findByRole('heading', { level: 1, name: 'Keys' });
  return { ...app, keysState };
}

/** A chatflow on `server`, bound to the key `keyId` when given. */
export const addChatflow = (server: MemoryServer, name: string, keyId?: string): void => {
  server.addChatflow(name, { apikeyid: keyId ?? null, type: 'CHATFLOW' });
};

export const keyRow = (name: string): HTMLElement => {
  const list = screen.getByRole('list', { name: 'API keys' });
  const row = within(list)
    .getAllByRole('listitem')
    .find((item) => within(item).queryByRole('heading', { level: 2, name }) !== null);
  if (row === undefined) throw new Error(`No row for ${name}`);
  return row;
};

export const keyNames = (): string[] =>
  within(screen.getByRole('list', { name: 'API keys' }))
    .getAllByRole('heading', { level: 2 })
    .map((h) => h.textContent);
