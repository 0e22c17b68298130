import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

import { createLocalApi } from './client.js';
import type { ApiImpl } from './contract.js';
import { contract } from './contract.js';
import { channelOf, channels } from './define.js';
import type { KeyList, KeySummary } from './schemas/keys.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** Paths of object schemas inside `schema` that let unknown keys through instead of dropping them. */
function keepsUnknownKeys(schema: z.ZodType, path: string, seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const walk = (child: z.ZodType | null | undefined, at: string): string[] =>
    child == null ? [] : keepsUnknownKeys(child, at, seen);
  switch (def.type) {
    case 'object': {
      const own = def.catchall !== undefined && defOf(def.catchall).type !== 'never' ? [path] : [];
      return [
        ...own,
        ...Object.entries(def.shape ?? {}).flatMap(([key, field]) => walk(field, `${path}.${key}`)),
      ];
    }
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'tuple':
      return [
        ...(def.items ?? []).flatMap((item, i) => walk(item, `${path}[${String(i)}]`)),
        ...walk(def.rest, `${path}[...]`),
      ];
    case 'union':
      return (def.options ?? []).flatMap((option) => walk(option, path));
    case 'record':
      return walk(def.valueType, `${path}{}`);
    case 'pipe':
      return [...walk(def.in, path), ...walk(def.out, path)];
    case 'intersection':
      return [...walk(def.left, path), ...walk(def.right, path)];
    case 'lazy':
      return def.getter ? walk(def.getter(), path) : [];
    default:
      return walk(def.innerType, path);
  }
}

const INSTANCE = '00000000-0000-4000-8000-000000000001';
const SETS = Array.from({ length: 8 }, (_, s) =>
  Array.from({ length: 40 }, (_, i) => `category${String(i)}:${String(s)}`),
);

function key(i: number): KeySummary & { apiKey: string } {
  return {
    id: `key-${String(i)}`,
    instanceId: INSTANCE,
    keyName: `key ${String(i)}`,
    masked: '••••abcd',
    fingerprint: 'sha256:0123456789ab',
    permissions: [...(SETS[i % SETS.length] ?? [])],
    boundFlows: [{ id: `flow-${String(i % 50)}`, name: 'Support bot', type: 'CHATFLOW' }],
    firstSeenAt: 1,
    createdHere: false,
    copyable: true,
    // What a careless handler might leave on a row: it must be dropped before the wire.
    apiKey: `sk-row-secret-${String(i)}`,
  };
}

describe('results on the wire', () => {
  it('every result schema of the contract drops unknown keys rather than passing them through', () => {
    const loose = channels(contract).flatMap(({ namespace, name, def }) =>
      keepsUnknownKeys(def.result, channelOf(namespace, name)),
    );
    expect(loose).toEqual([]);
  });

  it('keys.list with 10,000 keys is parsed, stripped and packed in under two seconds, even on a busy machine', async () => {
    const list = {
      instanceId: INSTANCE,
      fetchedAt: 5,
      chatflows: [],
      keys: Array.from({ length: 10_000 }, (_, i) => key(i)),
    };
    const impl = { keys: { list: () => Promise.resolve(list) } } as unknown as ApiImpl;
    let crossed = '';
    const api = createLocalApi(
      { methods: { keys: { list: contract.methods.keys.list } }, events: {} },
      impl as never,
      {
        around: async (_channel, _args, send) => {
          crossed = JSON.stringify(await send());
          return JSON.parse(crossed) as never;
        },
      },
    );
    await api.keys.list({ instanceId: INSTANCE }); // warm-up: zod compiles its parsers once
    const start = performance.now();
    const received: KeyList = await api.keys.list({ instanceId: INSTANCE });
    const elapsed = performance.now() - start;

    expect(received.keys).toHaveLength(10_000);
    expect(received.keys[7]).not.toHaveProperty('apiKey');
    expect(crossed).not.toContain('sk-row-secret');
    expect(crossed).toContain('permissionSets');
    expect(elapsed).toBeLessThan(2000);
  });
});
