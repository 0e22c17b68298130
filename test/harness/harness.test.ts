// The harness is a door into the real core, so it must open only for the page it served.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Harness } from './harness-server.js';
import { startHarness } from './harness-server.js';
import { RPC_PATH, TOKEN_PROTOCOL_PREFIX } from './wire.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    kdf: { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } },
  });
});
afterAll(() => harness.close());

function connect(origin: string, protocols: string[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${harness.origin.replace('http', 'ws')}${RPC_PATH}`, protocols, {
      origin,
    });
    socket.once('open', () => {
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function call(socket: WebSocket, channel: string, args: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data: Buffer) => {
      resolve(JSON.parse(data.toString('utf8')));
    });
    socket.send(JSON.stringify({ id: 1, channel, args }));
  });
}

describe('harness transport', () => {
  it('serves calls from its own origin with the token', async () => {
    const token = new URL(harness.url).hash.replace('#token=', '');
    const socket = await connect(harness.origin, [TOKEN_PROTOCOL_PREFIX + token]);
    await expect(call(socket, 'vault.status', [])).resolves.toMatchObject({
      kind: 'result',
      envelope: { ok: true, value: { state: 'none' } },
    });
    await expect(call(socket, 'vault.unlock', [{ password: 5 }])).resolves.toMatchObject({
      envelope: { ok: false, error: { code: 'bad_request' } },
    });
    socket.close();
  });

  it('refuses a connection without the token', async () => {
    await expect(connect(harness.origin, [`${TOKEN_PROTOCOL_PREFIX}wrong`])).rejects.toThrow();
  });

  it('refuses a connection from another origin, even with the token', async () => {
    const token = new URL(harness.url).hash.replace('#token=', '');
    await expect(connect('http://evil.example', [TOKEN_PROTOCOL_PREFIX + token])).rejects.toThrow();
  });

  it('binds to loopback only', () => {
    expect(new URL(harness.origin).hostname).toBe('127.0.0.1');
  });
});
