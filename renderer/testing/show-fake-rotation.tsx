// The whole app on the hand-written fake Api, unlocked, with one instance whose key "deploy" is
// bound to three flows; kept for the rotation tests not yet on the real core (show-rotation.tsx).
// Product code never imports this file.
import { fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';

import { ApiProvider } from '../api/api-context.js';
import type { RotationStoreState } from '../stores/rotation-store.js';
import { StoresProvider, useRotationStore } from '../stores/stores-context.js';
import type { FakeApi } from './fake-api.js';
import { createFakeApi } from './fake-api.js';
import { TEST_PASSWORD } from './show-app.js';
import { VaultGate } from '../features/vault/VaultGate.js';

export const OLD_VALUE = 'fkv-old-key-VALUE-0123456789abcdef';

export interface RotationApp {
  fake: FakeApi;
  instanceId: string;
  keyId: string;
  rotationState: () => RotationStoreState;
}

export function seeded(): Omit<RotationApp, 'rotationState'> {
  const fake = createFakeApi({
    state: 'unlocked',
    password: TEST_PASSWORD,
    instances: [{ name: 'Prod', baseUrl: 'https://prod.example.com', adminKey: 'a'.repeat(40) }],
  });
  const instanceId = fake.instances.snapshot().instances[0]?.id ?? '';
  const key = fake.keys.seedKey(instanceId, 'deploy', OLD_VALUE);
  for (const name of ['Support bot', 'Sales bot', 'FAQ'])
    fake.keys.seedChatflow(instanceId, name, key.id);
  return { fake, instanceId, keyId: key.id };
}

/** Renders `children` (the app's gate by default) inside the providers. */
export function renderWith(
  app: Omit<RotationApp, 'rotationState'>,
  children: ReactNode = <VaultGate />,
): RotationApp {
  let latest: RotationStoreState | undefined;
  function Probe() {
    latest = useRotationStore((s) => s);
    return null;
  }
  render(
    <ApiProvider api={app.fake.api}>
      <StoresProvider>
        <Probe />
        {children}
      </StoresProvider>
    </ApiProvider>,
  );
  return {
    ...app,
    rotationState: () => {
      if (latest === undefined) throw new Error('The app has not rendered.');
      return latest;
    },
  };
}

export async function showRotation(
  prepare: (app: Omit<RotationApp, 'rotationState'>) => Promise<void> | void = () => undefined,
): Promise<RotationApp> {
  const app = seeded();
  await prepare(app);
  const shown = renderWith(app);
  fireEvent.click(await screen.findByRole('button', { name: 'Rotation' }));
  await screen.findByRole('heading', { level: 1, name: 'Rotation' });
  return shown;
}
