// Renders the whole app on the hand-written fake Api (fake-api.ts), for the tests not yet moved to
// the real core (show-app.tsx). Product code never imports this file.
import { render, screen } from '@testing-library/react';

import { ApiProvider } from '../api/api-context.js';
import { VaultGate } from '../features/vault/VaultGate.js';
import type { InstancesStoreState } from '../stores/instances-store.js';
import { StoresProvider, useInstancesStore } from '../stores/stores-context.js';
import type { FakeApi, FakeApiInit } from './fake-api.js';
import { createFakeApi } from './fake-api.js';

import { TEST_PASSWORD } from './test-core.js';

export { TEST_PASSWORD };

export interface ShownFakeApp {
  fake: FakeApi;
  /** The instances store as the app last rendered it. */
  instancesState: () => InstancesStoreState;
}

export async function showFakeApp(init: FakeApiInit = {}): Promise<ShownFakeApp> {
  const fake = createFakeApi({ state: 'unlocked', password: TEST_PASSWORD, ...init });
  let latest: InstancesStoreState | undefined;
  function Probe() {
    latest = useInstancesStore((s) => s);
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
  await screen.findByRole('button', { name: 'Lock vault' });
  return {
    fake,
    instancesState: () => {
      if (latest === undefined) throw new Error('The app has not rendered.');
      return latest;
    },
  };
}
