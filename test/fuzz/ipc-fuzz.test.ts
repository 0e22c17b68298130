// Fuzzes every channel of the contract through the harness's real transport (WebSocket on
// 127.0.0.1, per-run token, own origin). Channels come from the contract object itself, so a new
// method is fuzzed the day it is added. Each malformed payload must come back as bad_request
// without the core's method ever running, and the core must still work afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ApiImpl } from '../../common/ipc/contract.js';
import { contract } from '../../common/ipc/contract.js';
import { channelOf, channels } from '../../common/ipc/define.js';
import type { Harness } from '../harness/harness-server.js';
import { startHarness } from '../harness/harness-server.js';
import { malformedPayloads, SECRET_MARKER } from './malformed.js';
import { createRng } from './random.js';
import type { RpcSocket } from './rpc-socket.js';
import { envelopeOf, openRpcSocket } from './rpc-socket.js';
import { validSample } from './valid-sample.js';

const PER_CHANNEL = 500;
const BATCH = 50;
const SEED = Number(process.env['FKV_FUZZ_SEED'] ?? 0x5eed);
const ALL = channels(contract).map(({ namespace, name, def }) => ({
  channel: channelOf(namespace, name),
  schema: def.args,
}));

type Table = Record<string, Record<string, (...args: unknown[]) => unknown>>;
const calls = new Map<string, number>();
const callsTo = (channel: string): number => calls.get(channel) ?? 0;

/** Counts every call that gets past validation into the core. */
function spyOnImpl(impl: ApiImpl): ApiImpl {
  const spied: Table = {};
  for (const [namespace, methods] of Object.entries(impl as unknown as Table)) {
    spied[namespace] = Object.fromEntries(
      Object.entries(methods).map(([name, fn]) => [
        name,
        (...args: unknown[]): unknown => {
          const channel = channelOf(namespace, name);
          calls.set(channel, callsTo(channel) + 1);
          return fn.apply(methods, args);
        },
      ]),
    );
  }
  return spied as unknown as ApiImpl;
}

const LEAKED = 'sk-leaked-admin-key-0123456789';

/** A handler that hands back more than the contract names: the extra field must never cross. */
function leakExtraField(impl: ApiImpl): ApiImpl {
  return { ...impl, app: { info: async () => ({ ...(await impl.app.info()), adminKey: LEAKED }) } };
}

let harness: Harness;
let socket: RpcSocket;
let nextId = 1;

/** Ids are numbers, but not always small positive integers: the transport must not care. */
function oddId(): number {
  const n = nextId++;
  return [n, -n, n + 0.5, 1e15 + n][n % 4] ?? n;
}

beforeAll(async () => {
  harness = await startHarness({
    kdf: { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } },
    wrapImpl: (impl) => spyOnImpl(leakExtraField(impl)),
  });
  socket = await openRpcSocket(harness);
});

afterAll(async () => {
  socket.close();
  await harness.close();
});

describe(`IPC fuzzing (seed ${SEED}, ${PER_CHANNEL} payloads per channel)`, () => {
  it('covers every channel of the contract', () => {
    expect(ALL.length).toBeGreaterThan(10);
    expect(new Set(ALL.map((c) => c.channel)).size).toBe(ALL.length);
  });

  it.each(ALL)('$channel refuses malformed payloads before the handler runs', async (c) => {
    const payloads = malformedPayloads(c.schema, createRng(SEED ^ hash(c.channel)), PER_CHANNEL);
    expect(payloads).toHaveLength(PER_CHANNEL);
    expect(payloads).toContain(undefined);
    expect(
      payloads.some((p) => p !== undefined && p.length > 200_000),
      'huge',
    ).toBe(true);
    expect(
      payloads.some((p) => p?.includes('['.repeat(1000))),
      'deep',
    ).toBe(true);
    expect(
      payloads.some((p) => p?.includes('"__proto__"')),
      'pollution',
    ).toBe(true);
    const refused: string[] = [];
    for (let i = 0; i < payloads.length; i += BATCH) {
      const batch = payloads.slice(i, i + BATCH);
      const replies = await Promise.all(batch.map((args) => socket.call(c.channel, args, oddId())));
      replies.forEach((reply, j) => {
        const envelope = envelopeOf(reply);
        const args = batch[j];
        const shown = args === undefined ? '(no args)' : args.slice(0, 120);
        expect(envelope.ok, `accepted: ${shown}`).toBe(false);
        if (!envelope.ok) expect(envelope.error.code, shown).toBe('bad_request');
        expect(reply.includes(SECRET_MARKER), `echoed a value: ${shown}`).toBe(false);
        refused.push(reply);
      });
    }
    expect(refused).toHaveLength(PER_CHANNEL);
    expect(callsTo(c.channel)).toBe(0);
  });

  it('drops calls whose id is not a number, without running anything', async () => {
    for (const { channel, schema } of ALL) {
      const args = JSON.stringify(validSample(schema).value ?? []);
      for (const id of ['"1"', 'null', '{}', '[1]', 'true']) {
        socket.sendRaw(`{"id":${id},"channel":"${channel}","args":${args}}`);
      }
      socket.sendRaw(`{"channel":"${channel}","args":${args}}`);
      socket.sendRaw(`{"id":1,"channel":${JSON.stringify([channel])},"args":${args}}`);
      socket.sendRaw('not json at all');
    }
    // Messages are handled in order, so once this answer arrives the ones above were dropped.
    const reply = envelopeOf(await socket.call('no.such.channel', '[]', nextId++));
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    for (const { channel } of ALL) expect(callsTo(channel), channel).toBe(0);
  });

  it('refuses unknown channels, including prototype names', async () => {
    for (const channel of ['__proto__', 'constructor', 'toString', 'vault', 'vault.', '.status']) {
      const reply = envelopeOf(await socket.call(channel, '[]', nextId++));
      expect(reply, channel).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
  });

  it('sends only what the result schema names: a secret field a handler adds never reaches the client', async () => {
    const reply = await socket.call('app.info', '[]', nextId++);
    expect(envelopeOf(reply)).toMatchObject({ ok: true, value: { host: 'harness' } });
    expect(reply).not.toContain('adminKey');
    expect(reply).not.toContain(LEAKED);
    expect(callsTo('app.info')).toBe(1);
  });

  it('leaves the core healthy: nothing polluted, nothing logged, valid calls still work', async () => {
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(harness.logger.lines.filter((l) => l.level === 'error')).toEqual([]);

    const status = envelopeOf(await socket.call('vault.status', '[]', nextId++));
    expect(status).toMatchObject({ ok: true, value: { state: 'none' } });
    expect(callsTo('vault.status')).toBe(1);

    const password = JSON.stringify([{ password: 'correct horse battery staple' }]);
    const created = envelopeOf(await socket.call('vault.create', password, nextId++));
    expect(created).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    const settings = envelopeOf(await socket.call('settings.get', '[]', nextId++));
    expect(settings.ok).toBe(true);
  });
});

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}
