// One command's life: build the core over the shared vault, unlock, do the work, lock. The core's
// shutdown (lock, which zeroes the data key, then the clipboard cleared if it still holds our value)
// runs on every way out: the end of the work, a failure, SIGINT and SIGTERM.
import { AppError } from '../../common/errors.js';
import type { Api } from '../../common/ipc/contract.js';
import type { VaultStatus } from '../../common/ipc/schemas/vault.js';
import { countOf } from '../../common/words.js';
import { contract } from '../../common/ipc/contract.js';
import { createLocalApi } from '../../common/ipc/client.js';
import type { Core } from '../core/create-core.js';
import { createCore } from '../core/create-core.js';
import { CliEvents, cliPorts } from './cli-ports.js';
import type { DataFolder } from './data-folder.js';
import { findDataFolder } from './data-folder.js';
import type { PasswordOptions } from './password.js';
import { readPassword } from './password.js';

export interface VaultOptions extends PasswordOptions {
  vault?: string;
  verbose?: boolean;
  /** Delivery commands run without a question (fkv rotate only). */
  allowCommands?: boolean;
}

export interface Session {
  api: Api;
  events: CliEvents;
  folder: DataFolder;
  /** The vault as found before this command unlocked it, and as the unlock left it. */
  before: VaultStatus;
  unlocked: VaultStatus;
}

let current: Core | undefined;

/** SIGINT and SIGTERM lock the vault (zeroing the data key) before the process goes. */
export function lockOnSignals(): void {
  const stop = (code: number) => () => {
    const core = current;
    current = undefined;
    void (core === undefined ? Promise.resolve() : core.shutdown()).finally(() => {
      process.exit(code);
    });
  };
  process.once('SIGINT', stop(130));
  process.once('SIGTERM', stop(143));
}

export async function withVault<T>(
  options: VaultOptions,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const folder = findDataFolder(options.vault);
  const events = new CliEvents();
  const core = createCore(
    cliPorts(folder, events, {
      verbose: options.verbose === true,
      allowCommands: options.allowCommands === true,
    }),
  );
  current = core;
  try {
    const api = createLocalApi(contract, core.impl, {
      subscribe: (event, listener) =>
        events.subscribe((emitted, payload) => {
          if (emitted === event) listener(payload);
        }),
    });
    const status = await api.vault.status();
    if (status.state === 'none' || status.state === 'missing')
      throw new AppError(
        'vault_missing',
        `There is no vault at ${status.path}. Create one in the desktop app, or point --vault ` +
          `(or FKV_VAULT) at the folder that holds vault.fkv.`,
      );
    if (status.retryInMs !== undefined && status.retryInMs > 0)
      throw new AppError(
        'too_many_attempts',
        `Too many wrong passwords: the next try is allowed in ${String(Math.ceil(status.retryInMs / 1000))} s.`,
      );
    const unlocked = await api.vault.unlock({ password: await readPassword(options) });
    const failed = unlocked.failedUnlocks;
    if (failed !== undefined && failed.count > 0)
      process.stderr.write(
        `fkv: ${countOf(failed.count, 'failed unlock')} since the last one, the latest at ${new Date(failed.lastAt).toISOString()}.\n`,
      );
    return await work({ api, events, folder, before: status, unlocked });
  } finally {
    if (current === core) current = undefined;
    await core.shutdown();
  }
}
