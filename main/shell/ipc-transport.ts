// The Electron side of common/ipc/rpc.ts: one window's invoke handlers. Handlers live on that
// window's webContents.ipc, not global ipcMain, so no other window or webview can reach them.
import type { IpcMainInvokeEvent, WebContents } from 'electron';

import { AppError } from '../../common/errors.js';
import { ipcInvokeChannel } from '../../common/ipc/channel-names.js';
import type { Envelope } from '../../common/ipc/define.js';
import type { ServerTransport } from '../../common/ipc/rpc.js';
import type { Logger } from '../core/ports.js';
import { isAppUrl } from './app-origin.js';

export const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: new AppError('forbidden', 'This window may not call the vault.').toWire(),
};

export type SenderVerdict = 'ok' | 'no_frame' | 'sub_frame' | 'foreign_origin';

/**
 * Only our window's top frame, showing our own origin, may call the vault. A null senderFrame
 * means the frame navigated away or was destroyed while the message was in flight.
 */
export function checkSender(contents: WebContents, event: IpcMainInvokeEvent): SenderVerdict {
  const frame = event.senderFrame;
  if (frame === null) return 'no_frame';
  if (frame !== contents.mainFrame) return 'sub_frame';
  if (!isAppUrl(frame.url)) return 'foreign_origin';
  return 'ok';
}

export function createIpcTransport(contents: WebContents, logger: Logger): ServerTransport {
  return {
    handle(channel, handler) {
      contents.ipc.handle(ipcInvokeChannel(channel), (event, args: unknown) => {
        const verdict = checkSender(contents, event);
        if (verdict !== 'ok') {
          // The channel and the reason only: arguments may hold a password.
          logger.warn('refused IPC call', { channel, reason: verdict });
          return FORBIDDEN;
        }
        return handler(args);
      });
    },
  };
}
