// The harness's transport: the same ServerTransport the Electron shell implements, over a
// WebSocket that only a page from our own origin holding the per-run token may open.
import type { IncomingMessage, Server } from 'node:http';

import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';

import { badRequest } from '../../common/ipc/rpc.js';
import type { Handler, ServerTransport } from '../../common/ipc/rpc.js';
import type { CallMessage, ServerMessage } from './wire.js';
import { RPC_PATH, TOKEN_PROTOCOL_PREFIX } from './wire.js';

export interface WsTransport extends ServerTransport {
  broadcast(event: string, payload: unknown): void;
  close(): Promise<void>;
}

/** The spies tests use to prove a bad payload never reached a handler. */
export type HandlerWrapper = (channel: string, handler: Handler) => Handler;

/** Sees every message sent to the page, as sent, with the call's channel or the event's name. */
export type WireTap = (text: string, about: { channel: string } | { event: string }) => void;

export function createWsTransport(
  server: Server,
  origin: () => string,
  token: string,
  wrap: HandlerWrapper = (_c, h) => h,
  tap?: WireTap,
): WsTransport {
  const handlers = new Map<string, Handler>();
  const wss = new WebSocketServer({
    server,
    path: RPC_PATH,
    maxPayload: 1024 * 1024,
    verifyClient: ({ req }: { req: IncomingMessage }) =>
      req.headers.origin === origin() &&
      (req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((p) => p.trim())
        .includes(TOKEN_PROTOCOL_PREFIX + token),
  });

  const send = (
    socket: WebSocket,
    message: ServerMessage,
    about: { channel: string } | { event: string },
  ): void => {
    if (socket.readyState !== socket.OPEN) return;
    const text = JSON.stringify(message);
    tap?.(text, about);
    socket.send(text);
  };

  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      void (async () => {
        let call: CallMessage;
        try {
          call = JSON.parse((data as Buffer).toString('utf8')) as CallMessage;
        } catch {
          return;
        }
        if (typeof call.id !== 'number' || typeof call.channel !== 'string') return;
        const handler = handlers.get(call.channel);
        const envelope = handler
          ? await handler(call.args)
          : badRequest(call.channel, 'unknown channel');
        send(socket, { kind: 'result', id: call.id, envelope }, { channel: call.channel });
      })();
    });
  });

  return {
    handle(channel, handler) {
      handlers.set(channel, wrap(channel, handler));
    },
    broadcast(event, payload) {
      for (const socket of wss.clients) send(socket, { kind: 'event', event, payload }, { event });
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of wss.clients) socket.terminate();
        wss.close(() => {
          resolve();
        });
      }),
  };
}
