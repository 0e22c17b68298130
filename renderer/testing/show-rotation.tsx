// The whole app on the real core (test-core.ts), unlocked, with one instance whose key "deploy" is
// bound to three flows on its fake Flowise, and a window onto the rotation store. Product code
// never imports this file.
import { fireEvent, screen } from '@testing-library/react';
import type { ReactNode } from 'react';

import type { RotationStoreState } from '../stores/rotation-store.js';
import { useRotationStore } from '../stores/stores-context.js';
import { renderOn } from './show-app.js';
import type { TestCore, TestCoreInit } from './test-core.js';
import { createTestCore } from './test-core.js';
import { VaultGate } from '../features/vault/VaultGate.js';

export const OLD_VALUE = 'fkv-old-key-VALUE-0123456789abcdef';

export interface RotationApp {
  fake: TestCore;
  instanceId: string;
  keyId: string;
  rotationState: () => RotationStoreState;
}

export type Seeded = Omit<RotationApp, 'rotationState'>;

export async function seeded(init: TestCoreInit = {}): Promise<Seeded> {
  const fake = await createTestCore({ instances: [{ name: 'Prod' }], ...init });
  const instanceId = fake.instances[0]?.id ?? '';
  const key = fake.server.addKey('deploy', ['chatflows:view'], OLD_VALUE);
  for (const name of ['Support bot', 'Sales bot', 'FAQ'])
    fake.server.addChatflow(name, { apikeyid: key.id, type: 'CHATFLOW' });
  return { fake, instanceId, keyId: key.id };
}

/** Renders `children` (the app's gate by default) inside the providers. */
export function renderWith(app: Seeded, children: ReactNode = <VaultGate />): RotationApp {
  return {
    ...app,
    rotationState: renderOn(app.fake.api, () => useRotationStore((s) => s), children),
  };
}

export async function showRotation(
  prepare: (app: Seeded) => Promise<void> | void = () => undefined,
): Promise<RotationApp> {
  const app = await seeded();
  await prepare(app);
  const shown = renderWith(app);
  fireEvent.click(await screen.findByRole('button', { name: 'Rotation' }));
  await screen.findByRole('heading', { level: 1, name: 'Rotation' });
  return shown;
}
