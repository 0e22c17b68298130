// Instance snapshots for the Overview rule tests: a healthy instance, changed one field at a time.
import type {
  InstanceSnapshot,
  SnapshotCredential,
  SnapshotFlow,
  SnapshotKey,
  SnapshotRotation,
} from '../overview-snapshot.js';
import { DAY_MS } from '../overview-rules.js';

export const NOW = Date.UTC(2026, 11, 6, 12);
export const INSTANCE_ID = '6f1c0a52-1111-4222-8333-444455556666';
export const CATALOG = ['apikeys:view', 'apikeys:create', 'chatflows:view', 'chatflows:update'];

export function key(fields: Partial<SnapshotKey> & { id: string }): SnapshotKey {
  return {
    name: `key ${fields.id}`,
    permissions: ['chatflows:view'],
    since: NOW - DAY_MS,
    copied: true,
    admin: false,
    ...fields,
  };
}

export function flow(fields: Partial<SnapshotFlow> & { id: string }): SnapshotFlow {
  return { name: `flow ${fields.id}`, type: 'CHATFLOW', apikeyid: 'k1', ...fields };
}

export function credential(
  fields: Partial<SnapshotCredential> & { id: string },
): SnapshotCredential {
  return { name: `credential ${fields.id}`, usedBy: 1, ...fields };
}

export function rotation(fields: Partial<SnapshotRotation> & { id: string }): SnapshotRotation {
  return {
    keyId: 'k1',
    keyName: 'key k1',
    status: 'done',
    reached: 'confirm',
    updatedAt: NOW - DAY_MS,
    ...fields,
  };
}

/** Nothing to report: https, a current 3.x server, one used key on one flow. */
export function healthy(overrides: Partial<InstanceSnapshot> = {}): InstanceSnapshot {
  return {
    instanceId: INSTANCE_ID,
    name: 'prod',
    now: NOW,
    thresholds: { keyMaxAgeDays: 90, manyFlowsThreshold: 10, graceLimitDays: 7 },
    profile: {
      baseUrl: 'https://flowise.example.com',
      allowInsecureHttp: false,
      certificateUnconfirmed: false,
      hasCustomCa: false,
    },
    reach: { state: 'ok' },
    generation: '3.0.13+',
    catalog: CATALOG,
    keys: [key({ id: 'k1' }), key({ id: 'admin', admin: true, permissions: ['apikeys:view'] })],
    flows: [flow({ id: 'f1' })],
    credentials: [credential({ id: 'c1' })],
    rotations: [],
    publicFlows: new Set(),
    ...overrides,
  };
}
