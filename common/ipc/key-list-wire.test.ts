import { describe, expect, it } from 'vitest';

import { createLocalApi } from './client.js';
import { contract } from './contract.js';
import type { ApiImpl } from './contract.js';
import { allKeysWire, keyListWire } from './key-list-wire.js';
import type { KeyList, KeySummary } from './schemas/keys.js';

const INSTANCE = '00000000-0000-4000-8000-000000000001';
const FULL = Array.from({ length: 50 }, (_, i) => `category${String(i)}:view`);
const READ = ['chatflows:view'];

function key(i: number, permissions?: string[]): KeySummary {
  return {
    id: `key-${String(i)}`,
    instanceId: INSTANCE,
    keyName: `key ${String(i)}`,
    masked: '••••abcd',
    fingerprint: 'sha256:0123456789ab',
    ...(permissions === undefined ? {} : { permissions }),
    boundFlows: [],
    firstSeenAt: 1,
    createdHere: false,
    copyable: true,
  };
}

const list: KeyList = {
  instanceId: INSTANCE,
  fetchedAt: 5,
  chatflows: [],
  keys: Array.from({ length: 1000 }, (_, i) =>
    key(i, i % 10 === 0 ? undefined : [...(i % 2 === 0 ? FULL : READ)]),
  ),
};

describe('the key list on the wire', () => {
  it('round-trips exactly, sending each permission set once', () => {
    const wire = keyListWire.encode(list);
    expect(keyListWire.decode(JSON.parse(JSON.stringify(wire)))).toEqual(list);
    expect((wire as { permissionSets: string[][] }).permissionSets).toEqual([READ, FULL]);
    expect(JSON.stringify(wire).length * 2).toBeLessThan(JSON.stringify(list).length);
  });

  it('round-trips every instance of the all-instances view, errors included', () => {
    const all = {
      instances: [
        { instanceId: INSTANCE, instanceName: 'Prod', keys: list.keys.slice(0, 30) },
        {
          instanceId: '00000000-0000-4000-8000-000000000002',
          instanceName: 'Lab',
          keys: [],
          error: { code: 'network' as const, message: 'refused' },
        },
      ],
    };
    expect(allKeysWire.decode(JSON.parse(JSON.stringify(allKeysWire.encode(all))))).toEqual(all);
  });

  it('is packed by main and unpacked by the Api, so callers never see the packed form', async () => {
    const impl = { keys: { list: () => Promise.resolve(list) } } as unknown as ApiImpl;
    let crossed: unknown;
    const api = createLocalApi(
      { methods: { keys: { list: contract.methods.keys.list } }, events: {} },
      impl as never,
      {
        around: async (_channel, _args, send) => {
          crossed = JSON.parse(JSON.stringify(await send()));
          return crossed as never;
        },
      },
    );
    expect(await api.keys.list({ instanceId: INSTANCE })).toEqual(list);
    expect(JSON.stringify(crossed)).toContain('permissionSets');
  });
});
