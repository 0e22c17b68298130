// The sandboxed preload: builds window.api from the contract and nothing else. The page never
// sees ipcRenderer, an IPC event object or a channel name, only the contract's methods and `on`.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';

import { APP_ORIGIN } from '../common/ipc/app-scheme.js';
import { ipcEventChannel, ipcInvokeChannel } from '../common/ipc/channel-names.js';
import { createRawApi } from '../common/ipc/client.js';
import type { Envelope } from '../common/ipc/define.js';
import { contract } from '../common/ipc/contract.js';

// Sandboxed preloads still see `location`. Anything but our own origin (a page navigated
// elsewhere, a data: URL) gets no API at all; main checks the sender again on every call.
if (location.origin === APP_ORIGIN) {
  contextBridge.exposeInMainWorld(
    'api',
    createRawApi(
      contract,
      (channel, args) =>
        ipcRenderer.invoke(ipcInvokeChannel(channel), args) as Promise<Envelope<unknown>>,
      (event, listener) => {
        // Strip the IpcRendererEvent: it carries `sender`, a handle on ipcRenderer itself.
        const wrapped = (_event: IpcRendererEvent, payload: unknown): void => {
          listener(payload);
        };
        ipcRenderer.on(ipcEventChannel(event), wrapped);
        return () => {
          ipcRenderer.removeListener(ipcEventChannel(event), wrapped);
        };
      },
    ),
  );
}
