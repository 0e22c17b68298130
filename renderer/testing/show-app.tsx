// Renders the whole app on the real core (test-core.ts), unlocked unless told, with a window onto
// the instances store so tests can check what it holds. Product code never imports this file.
import { render, screen } from '@testing-library/react';

import { ApiProvider } from '../api/api-context.js';
import { VaultGate } from '../features/vault/VaultGate.js';
import type { InstancesStoreState } from '../stores/instances-store.js';
import { StoresProvider, useInstancesStore } from '../stores/stores-context.js';
import type { TestCore, TestCoreInit } from './test-core.js';
import { createTestCore } from './test-core.js';

export { TEST_PASSWORD } from './test-core.js';

export interface ShownApp {
  fake: TestCore;
  /** The instances store as the app last rendered it. */
  instancesState: () => InstancesStoreState;
}

export async function showApp(init: TestCoreInit = {}): Promise<ShownApp> {
  const fake = await createTestCore(init);
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
