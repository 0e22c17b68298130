// The shell's composition root: Electron adapters in, core out, served over IPC per window.
// Nothing here decides anything about the vault; that is the core's job.
import { userInfo } from 'node:os';
import { join } from 'node:path';

import type { BrowserWindow, WebContents } from 'electron';

import { contract } from '../../common/ipc/contract.js';
import { serveContract } from '../../common/ipc/rpc.js';
import type { Core } from '../core/create-core.js';
import { createCore } from '../core/create-core.js';
import { createNodeCommands } from '../core/delivery/node-commands.js';
import { createNodeTargetFiles } from '../core/delivery/node-target-files.js';
import { createNodeHttp } from '../core/flowise/node-http.js';
import { systemClock } from '../core/node-clock.js';
import type { HostInfo, Logger } from '../core/ports.js';
import { createNodeVaultFileStore } from '../core/vault/node-file-store.js';
import { createDialogConfirmation } from './command-confirm-dialog.js';
import { createElectronClipboard } from './electron-clipboard.js';
import { createElectronNotifier } from './electron-notifier.js';
import { createElectronStateStore } from './electron-state-store.js';
import { createFileLogger } from './file-logger.js';
import { createIpcEventSink } from './ipc-event-sink.js';
import { createIpcTransport } from './ipc-transport.js';
import { createKeychainValueStore } from './keychain-value-store.js';
import { watchPowerEvents } from './power-events.js';
import { reloadOnLock } from './reload-on-lock.js';
import { createSafeStorageProtector } from './safe-storage-protector.js';

export interface ShellOptions {
  userData: string;
  version: string;
  platform: string;
}

export interface Shell {
  readonly core: Core;
  readonly logger: Logger;
  /** Serves the contract to this window and makes it the target of events. */
  attach(window: BrowserWindow): void;
  /** Stops OS listeners and locks the vault with reason 'quit'. */
  shutdown(): Promise<void>;
}

/** Names the kind of failure without its message, which may quote data. */
function errorKind(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name}:${code}` : error.name;
  }
  return typeof error;
}

export function composeShell(options: ShellOptions): Shell {
  const logger = createFileLogger(join(options.userData, 'logs', 'main.log'));
  let current: WebContents | undefined;
  let currentWindow: BrowserWindow | undefined;
  const getWebContents = (): WebContents | undefined => current;
  const sink = createIpcEventSink(getWebContents);
  const host: HostInfo = { version: options.version, platform: options.platform, host: 'electron' };

  const state = createElectronStateStore();
  if (state.setAsidePath !== undefined)
    logger.warn('state file unreadable at start: set aside, defaults in use');
  const core = createCore({
    files: createNodeVaultFileStore(join(options.userData, 'vault')),
    protector: createSafeStorageProtector(),
    state,
    secure: createKeychainValueStore({ scope: options.userData }),
    clock: systemClock,
    events: reloadOnLock(sink, getWebContents),
    logger,
    host,
    http: createNodeHttp(),
    clipboard: createElectronClipboard(),
    osUser: osUser(),
    targetFiles: createNodeTargetFiles(),
    commands: createNodeCommands(),
    // Each command run is confirmed here, in main, in a native box over the app's window.
    confirmCommand: createDialogConfirmation(() => currentWindow),
    notifier: createElectronNotifier(),
  });
  const stopPowerEvents = watchPowerEvents(core, undefined, {
    platform: options.platform,
    onScreenLockDetectable(detectable) {
      host.screenLockDetectable = detectable;
      if (!detectable) logger.warn('screen lock cannot be detected on this system');
    },
  });

  return {
    core,
    logger,
    attach(window) {
      const contents = window.webContents;
      current = contents;
      currentWindow = window;
      sink.track(contents);
      serveContract(contract, core.impl, createIpcTransport(contents, logger), {
        onUnexpected: (channel, error) => {
          logger.error('unexpected failure', { channel, kind: errorKind(error) });
        },
      });
      window.on('closed', () => {
        if (current === contents) current = undefined;
        if (currentWindow === window) currentWindow = undefined;
      });
    },
    async shutdown() {
      stopPowerEvents();
      await core.shutdown();
    },
  };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
