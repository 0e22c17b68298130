// Injected before the renderer in the harness page: builds window.api over the harness's
// WebSocket, exactly where the preload would have put it in Electron.
import { createRawApi } from '../../common/ipc/client.js';
import { contract } from '../../common/ipc/contract.js';
import type { Envelope } from '../../common/ipc/define.js';
import type { ServerMessage } from './wire.js';
import { RPC_PATH, TOKEN_PROTOCOL_PREFIX } from './wire.js';

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
// Keep the token out of the address bar and history once read.
history.replaceState(null, '', location.pathname + location.search);

const socket = new WebSocket(`ws://${location.host}${RPC_PATH}`, [TOKEN_PROTOCOL_PREFIX + token]);
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => {
    resolve();
  });
  socket.addEventListener('error', () => {
    reject(new Error('The harness connection failed.'));
  });
});
const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;

socket.addEventListener('message', (message: MessageEvent<string>) => {
  const data = JSON.parse(message.data) as ServerMessage;
  if (data.kind === 'result') {
    pending.get(data.id)?.(data.envelope);
    pending.delete(data.id);
  } else {
    for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
  }
});
socket.addEventListener('close', () => {
  for (const resolve of pending.values()) {
    resolve({ ok: false, error: { code: 'network', message: 'The app backend went away.' } });
  }
  pending.clear();
});

const api = createRawApi(
  contract,
  async (channel, args) => {
    await opened;
    const id = nextId++;
    return new Promise<Envelope<unknown>>((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, channel, args }));
    });
  },
  (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
);

Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });
