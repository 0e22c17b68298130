// Renders the whole app on the real core (test-core.ts), unlocked unless told, with a window onto
// a store so tests can check what it holds. Product code never imports this file.
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';

import type { Api } from '../../common/ipc/contract.js';
import { ApiProvider } from '../api/api-context.js';
import { VaultGate } from '../features/vault/VaultGate.js';
import type { InstancesStoreState } from '../stores/instances-store.js';
import { StoresProvider, useInstancesStore } from '../stores/stores-context.js';
import type { TestCore, TestCoreInit } from './test-core.js';
import { createTestCore } from './test-core.js';

export { TEST_PASSWORD } from './test-core.js';

/**
 * Renders `children` (the app's gate by default) inside the providers on `api`, and returns what
 * `useWhole` (a store hook reading the whole state) last read.
 */
export function renderOn<S>(
  api: Api,
  useWhole: () => S,
  children: ReactNode = <VaultGate />,
): () => S {
  let latest: S | undefined;
  function Probe() {
    latest = useWhole();
    return null;
  }
  render(
    <ApiProvider api={api}>
      <StoresProvider>
        <Probe />
        {children}
      </StoresProvider>
    </ApiProvider>,
  );
  return () => {
    if (latest === undefined) throw new Error('The app has not rendered.');
    return latest;
  };
}

export interface ShownApp {
  fake: TestCore;
  /** The instances store as the app last rendered it. */
  instancesState: () => InstancesStoreState;
}

export async function showApp(init: TestCoreInit = {}): Promise<ShownApp> {
  return showAppOn(await createTestCore(init));
}

/** The app on a core made beforehand (restarted, say), unlocked. */
export async function showAppOn(fake: TestCore): Promise<ShownApp> {
  const instancesState = renderOn(fake.api, () => useInstancesStore((s) => s));
  await screen.findByRole('button', { name: 'Lock vault' });
  // The first section is chosen once the instance list is known (AppFrame.tsx).
  await screen.findByRole('heading', { level: 1 });
  return { fake, instancesState };
}

/** Opens a section from the frame's nav, as the person does. */
export function openSection(name: string): void {
  fireEvent.click(
    within(screen.getByRole('navigation', { name: 'Sections' })).getByRole('button', { name }),
  );
}

/** The app unlocked on the Instances section (the Overview opens first once there is one). */
export async function showInstances(init: TestCoreInit = {}): Promise<ShownApp> {
  const shown = await showApp(init);
  openSection('Instances');
  return shown;
}
