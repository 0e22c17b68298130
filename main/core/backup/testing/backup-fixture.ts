// A vault filled straight through its sections (instances, keys with values, a rotation in grace
// with its stashed value, a delivery target, a flow public on purpose), then a core over the same
// ports, as after a restart: backup tests need a full vault without a Flowise to fill it.
import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import type { Core, CorePorts } from '../../create-core.js';
import { createCore } from '../../create-core.js';
import { memoryCorePorts } from '../../testing/memory-core.js';
import { MemoryVaultFileStore } from '../../vault/testing/memory-file-store.js';
import { PASSWORD, TINY_KDF } from '../../vault/testing/vault-fixture.js';
import { Vault } from '../../vault/vault.js';

export { PASSWORD };
export const PASSPHRASE = 'violet kettle under 7 moons';
export const VALUE_MARK = 'sk-backup-secret-';

const vaultOver = (ports: CorePorts): Vault =>
  new Vault({
    files: ports.files,
    protector: ports.protector,
    state: ports.state,
    clock: ports.clock,
    logger: ports.logger,
    kdf: { params: TINY_KDF },
  });

/** Every section a backup carries, for `instances` instances and `keys` keys spread over them. */
// eslint-disable-next-line @typescript-eslint/explicit-module-boundary-types -- the sample's type is its shape
export function sampleSections(count: { instances: number; keys: number }) {
  const now = 1_760_000_000_000;
  const instances = Array.from({ length: count.instances }, (_, i) => ({
    id: randomUUID(),
    name: `server ${String(i + 1)}`,
    baseUrl: `https://flowise-${String(i + 1)}.example.test`,
    adminKey: `${VALUE_MARK}admin-${String(i)}`,
    allowInsecureHttp: false,
    timeoutMs: 15_000,
    colour: '#336699',
    createdAt: now,
    updatedAt: now,
  }));
  const idOf = (n: number): string => instances[n % instances.length]?.id ?? '';
  const keys = Array.from({ length: count.keys }, (_, k) => ({
    instanceId: idOf(k),
    keyId: `key-${String(k)}`,
    keyName: `app ${String(k)}`,
    fingerprint: `fp${String(k).padStart(4, '0')}`,
    firstSeenAt: now - k * 86_400_000,
    createdHere: k % 2 === 0,
    ...(k % 2 === 0 ? { value: `${VALUE_MARK}key-${String(k)}` } : {}),
  }));
  const rotation = {
    id: randomUUID(),
    instanceId: idOf(0),
    instanceName: 'server 1',
    oldKey: { id: 'key-0', name: 'app 0', fingerprint: 'fp0000', masked: '••••0000' },
    newKeyName: 'app 0 (rotation 1)',
    newKey: {
      id: 'key-new',
      name: 'app 0 (rotation 1)',
      fingerprint: 'fpnew',
      masked: '••••9999',
      value: `${VALUE_MARK}stashed`,
    },
    flows: [
      { id: 'flow-1', name: 'support bot', type: 'CHATFLOW', state: 'verified', probe: false },
    ],
    reached: 'grace',
    status: 'waiting',
    rollingBack: false,
    startedAt: now,
    updatedAt: now,
  };
  const target = {
    instanceId: idOf(1),
    keyId: 'key-1',
    targets: [
      {
        id: 'a1b2c3d4e5f6',
        label: 'web app',
        target: { kind: 'env-file', path: '/srv/app/.env', name: 'FLOWISE_KEY' },
      },
    ],
  };
  const publicFlow = { instanceId: idOf(2), chatflowId: 'flow-9', name: 'faq', markedAt: now };
  const policies = {
    instances: [{ instanceId: idOf(0), maxAgeDays: 90 }],
    keys: [{ instanceId: idOf(1), keyId: 'key-1', maxAgeDays: 30 }],
  };
  return {
    instances: { instances, activeId: idOf(0) },
    keys: { keys },
    rotations: { rotations: [rotation] },
    delivery: { keys: [target] },
    publicFlows: { flows: [publicFlow] },
    policies,
  };
}
export type SampleSections = ReturnType<typeof sampleSections>;

/** Writes the sections into a new vault on these ports (nothing when undefined), then opens a core. */
export interface BackupFixture {
  core: Core;
  ports: CorePorts;
  files: MemoryVaultFileStore;
}

export async function coreWith(
  sections: Record<string, unknown> | undefined,
): Promise<BackupFixture> {
  const files = new MemoryVaultFileStore();
  const ports = memoryCorePorts({ files });
  if (sections !== undefined) {
    const vault = vaultOver(ports);
    await vault.create(PASSWORD);
    await vault.writeSections(sections);
    vault.lock();
    const core = createCore(ports);
    await core.impl.vault.unlock({ password: PASSWORD });
    return { core, ports, files };
  }
  const core = createCore(ports);
  await core.impl.vault.create({ password: PASSWORD });
  return { core, ports, files };
}

/** Every section of the vault on these ports, read by a Vault of its own (the core is locked
 * first, since one vault file has one writer). */
export async function sectionsOf(
  core: Core,
  ports: CorePorts,
  names: readonly string[],
): Promise<Record<string, unknown>> {
  core.lock('manual');
  await core.shutdown();
  const vault = vaultOver(ports);
  await vault.unlock(PASSWORD, { allowRollback: true });
  const out: Record<string, unknown> = {};
  for (const name of names) {
    out[name] = vault.readSection(name, z.unknown());
  }
  vault.lock();
  return out;
}

/** What the call threw (or rejected with); undefined when it succeeded. */
export async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return undefined;
}
