// The whole app on a fake Api, unlocked, on the Keys section of one instance, with a
// window onto the keys store. Product code never imports this file.
import { fireEvent, render, screen, within } from '@testing-library/react';

import { ApiProvider } from '../api/api-context.js';
import type { KeysStoreState } from '../stores/keys-store.js';
import { StoresProvider, useKeysStore } from '../stores/stores-context.js';
import type { FakeApi } from './fake-api.js';
import { createFakeApi } from './fake-api.js';
import { TEST_PASSWORD } from './show-app.js';
import { VaultGate } from '../features/vault/VaultGate.js';

export interface KeysApp {
  fake: FakeApi;
  instanceId: string;
  keysState: () => KeysStoreState;
}

export async function showKeys(
  seed: (fake: FakeApi, instanceId: string) => void = () => undefined,
): Promise<KeysApp> {
  const fake = createFakeApi({
    state: 'unlocked',
    password: TEST_PASSWORD,
    instances: [{ name: 'Prod', baseUrl: 'https://prod.example.com', adminKey: 'a'.repeat(40) }],
  });
  const instanceId = fake.instances.snapshot().instances[0]?.id ?? '';
  seed(fake, instanceId);
  let latest: KeysStoreState | undefined;
  function Probe() {
    latest = useKeysStore((s) => s);
    return null;
  }
  render(
    <ApiProvider api={fake.api}>
      <StoresProvider>
        <Probe />
        <VaultGate />
      </StoresProvider>
    </ApiProvider>,
  );
  fireEvent.click(await screen.findByRole('button', { name: 'Keys' }));
  await screen.findByRole('heading', { level: 1, name: 'Keys' });
  return {
    fake,
    instanceId,
    keysState: () => {
      if (latest === undefined) throw new Error('The app has not rendered.');
      return latest;
    },
  };
}

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
