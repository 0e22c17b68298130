// fkv's ports: the same Node adapters the app's core uses (vault files, state.json, HTTP, clock,
// delivery targets' files and commands), each command run asked first (main/cli/command-confirm.ts),
// a clipboard through the platform's command, no OS keychain (keychain unlock stays with the
// desktop app) and a logger on stderr that prints only ids, names and codes, as every Logger must.
import { userInfo } from 'node:os';

import type { AppEventName, AppEventPayload } from '../../common/ipc/contract.js';
import type { CorePorts } from '../core/create-core.js';
import { createNodeCommands } from '../core/delivery/node-commands.js';
import { createNodeTargetFiles } from '../core/delivery/node-target-files.js';
import { createNodeHttp } from '../core/flowise/node-http.js';
import { systemClock } from '../core/node-clock.js';
import { createNodeStateStore } from '../core/node-state-store.js';
import type { EventSink, KeyProtector, Logger, LogFields } from '../core/ports.js';
import { createNodeVaultFileStore } from '../core/vault/node-file-store.js';
import { createCommandClipboard, findClipboardTool } from './command-clipboard.js';
import { createTerminalConfirmation } from './command-confirm.js';
import type { DataFolder } from './data-folder.js';

type Listener = (event: AppEventName, payload: unknown) => void;

/** The core's events, for fkv's progress lines and the clipboard countdown. */
export class CliEvents implements EventSink {
  private readonly listeners = new Set<Listener>();
  emit<E extends AppEventName>(event: E, payload: AppEventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const noKeychain: KeyProtector = {
  availability: () =>
    Promise.resolve({
      available: false,
      backend: 'none',
      reason: 'fkv unlocks with the master password only; keychain unlock is in the desktop app.',
    }),
  protect: () => Promise.reject(new Error('no keychain in fkv')),
  unprotect: () => Promise.reject(new Error('no keychain in fkv')),
};

function stderrLogger(verbose: boolean): Logger {
  const line = (level: string, message: string, fields?: LogFields): void => {
    const extra = Object.entries(fields ?? {})
      .map(([name, value]) => ` ${name}=${String(value)}`)
      .join('');
    process.stderr.write(`fkv: ${level}: ${message}${extra}\n`);
  };
  return {
    info: (message, fields) => {
      if (verbose) line('info', message, fields);
    },
    warn: (message, fields) => {
      if (verbose) line('warning', message, fields);
    },
    error: (message, fields) => {
      line('error', message, fields);
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

export interface CliPortOptions {
  verbose: boolean;
  /** fkv rotate --allow-commands: delivery commands run without a question. */
  allowCommands: boolean;
}

export function cliPorts(
  folder: DataFolder,
  events: CliEvents,
  { verbose, allowCommands }: CliPortOptions,
): CorePorts {
  return {
    files: createNodeVaultFileStore(folder.vaultDir),
    protector: noKeychain,
    state: createNodeStateStore(folder.stateDir),
    clock: systemClock,
    events,
    logger: stderrLogger(verbose),
    host: { version: '0.1.0', platform: process.platform, host: 'cli' },
    http: createNodeHttp(),
    clipboard: createCommandClipboard(findClipboardTool()),
    osUser: osUser(),
    targetFiles: createNodeTargetFiles(),
    commands: createNodeCommands(),
    confirmCommand: createTerminalConfirmation(allowCommands),
  };
}
