// fkv keys create and fkv keys copy. A new key's value goes to stdout once, only when stdout is not
// a terminal (a pipe or a file: the script asked for it) or with --reveal; on a terminal it goes to
// the clipboard instead, cleared after the app's clipboard setting, on Ctrl+C and at exit.
import type { Api } from '../../common/ipc/contract.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT, UsageError } from './exit-codes.js';
import type { CliEvents } from './cli-ports.js';
import { findClipboardTool, NO_CLIPBOARD } from './command-clipboard.js';
import { findInstance, findKey } from './lookup.js';
import { note, printJson } from './output.js';
import type { OutputOptions } from './status-commands.js';
import { withVault } from './vault-session.js';

export interface CreateOptions extends OutputOptions {
  instance: string;
  permission?: string[];
  reveal?: boolean;
}

export interface CopyOptions extends OutputOptions {
  instance: string;
}

/** Holds the process (and the unlocked vault) until the core clears the clipboard: a countdown on
 * a terminal, one line otherwise. Ctrl+C ends it early; the shutdown then clears. */
async function waitForClear(events: CliEvents, clearsAt: number, what: string): Promise<void> {
  const seconds = (): number => Math.max(0, Math.ceil((clearsAt - Date.now()) / 1000));
  const tty = process.stderr.isTTY;
  note(
    `${what} is on the clipboard; it is cleared in ${String(seconds())} s (Ctrl+C clears it now).`,
  );
  await new Promise<void>((done) => {
    const tick = tty
      ? setInterval(() => {
          process.stderr.write(`\rClears in ${String(seconds())} s `);
        }, 1000)
      : undefined;
    // A margin past clearsAt: the core's own timer does the clearing and says so.
    const fallback = setTimeout(finish, clearsAt - Date.now() + 2000);
    const stop = events.subscribe((event) => {
      if (event === 'clipboard.cleared') finish();
    });
    function finish(): void {
      clearInterval(tick);
      clearTimeout(fallback);
      stop();
      if (tty) process.stderr.write('\r');
      done();
    }
  });
  note('The clipboard was cleared.');
}

function needClipboard(): void {
  if (findClipboardTool() === undefined) throw new UsageError(NO_CLIPBOARD);
}

async function copyToClipboard(
  api: Api,
  events: CliEvents,
  instanceId: string,
  keyId: string,
  what: string,
) {
  const { clearsAt } = await api.keys.copy({ instanceId, keyId });
  await waitForClear(events, clearsAt, what);
}

export function keysCreateCommand(name: string, options: CreateOptions): Promise<ExitCode> {
  const toStdout = options.reveal === true || !process.stdout.isTTY;
  // Said before anything is created, so a missing clipboard never leaves a key nobody has seen.
  if (!toStdout) needClipboard();
  return withVault(options, async ({ api, events }) => {
    const instance = await findInstance(api, options.instance);
    const created = await api.keys.create({
      instanceId: instance.id,
      keyName: name,
      permissions: options.permission ?? [],
    });
    const { key } = created;
    const what = `The new key "${key.keyName}" (${key.masked}) on ${instance.name}`;
    if (!toStdout) {
      await copyToClipboard(api, events, instance.id, key.id, what);
      return EXIT.ok;
    }
    const { value } = await api.keys.reveal({ ticket: created.ticket });
    // The one place fkv prints a key value: the documented reveal, once.
    if (options.json === true) printJson({ instanceName: instance.name, key, value });
    else process.stdout.write(`${value}\n`);
    note(
      `${what} was created; its value was printed once and is kept in the vault (fkv keys copy).`,
    );
    return EXIT.ok;
  });
}

export function keysCopyCommand(name: string, options: CopyOptions): Promise<ExitCode> {
  needClipboard();
  return withVault(options, async ({ api, events }) => {
    const instance = await findInstance(api, options.instance);
    const { keys } = await api.keys.list({ instanceId: instance.id });
    const key = findKey(keys, name);
    await copyToClipboard(
      api,
      events,
      instance.id,
      key.id,
      `"${key.keyName}" (${key.masked}) of ${instance.name}`,
    );
    if (options.json === true)
      printJson({ instanceName: instance.name, keyId: key.id, copied: true, cleared: true });
    return EXIT.ok;
  });
}
