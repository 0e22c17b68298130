// A raw client of the harness WebSocket: it sends exactly the bytes a test chooses, so payloads
// the browser bridge would never produce reach the server through the real transport.
import { WebSocket } from 'ws';

import type { Envelope } from '../../common/ipc/define.js';
import type { Harness } from '../harness/harness-server.js';
import { RPC_PATH, TOKEN_PROTOCOL_PREFIX } from '../harness/wire.js';

export interface RpcSocket {
  /** Sends a call whose `args` is raw JSON (or absent) and resolves with the raw reply. */
  call(channel: string, args: string | undefined, id: number): Promise<string>;
  /** Sends bytes that carry no usable id; nothing can answer them. */
  sendRaw(text: string): void;
  close(): void;
}

export async function openRpcSocket(harness: Harness): Promise<RpcSocket> {
  const token = new URL(harness.url).hash.replace('#token=', '');
  const socket = new WebSocket(
    `${harness.origin.replace('http', 'ws')}${RPC_PATH}`,
    [TOKEN_PROTOCOL_PREFIX + token],
    { origin: harness.origin },
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const pending = new Map<number, (text: string) => void>();
  socket.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    const message = JSON.parse(text) as { kind: string; id?: number };
    if (message.kind !== 'result' || message.id === undefined) return;
    pending.get(message.id)?.(text);
    pending.delete(message.id);
  });
  return {
    call(channel, args, id) {
      const head = `{"id":${JSON.stringify(id)},"channel":${JSON.stringify(channel)}`;
      return new Promise((resolve, reject) => {
        if (pending.has(id)) throw new Error(`id ${id} already in flight`);
        pending.set(id, resolve);
        socket.send(args === undefined ? `${head}}` : `${head},"args":${args}}`, (error) => {
          if (error) reject(error);
        });
      });
    },
    sendRaw(text) {
      socket.send(text);
    },
    close() {
      socket.close();
    },
  };
}

export function envelopeOf(reply: string): Envelope<unknown> {
  return (JSON.parse(reply) as { envelope: Envelope<unknown> }).envelope;
}
