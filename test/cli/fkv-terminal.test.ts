// fkv on a real terminal (node-pty): the password prompt echoes nothing of what is typed, a
// rotation shows its steps as they pass, and a key made on a terminal is not printed unless asked.
import { spawn } from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import type { VaultFolder } from './fkv-fixture.js';
import { FKV_BIN, fkvEnv, makeVault, PASSWORD } from './fkv-fixture.js';

let vault: VaultFolder;
let flowise: FakeFlowise;

beforeAll(async () => {
  flowise = await startFakeFlowise();
  vault = await makeVault();
  await vault.api.instances.add({ name: 'fake', baseUrl: flowise.url, adminKey: flowise.adminKey });
  vault.release();
}, 60_000);

afterAll(async () => {
  await vault.close();
  await flowise.close();
});

interface Terminal {
  /** Everything the terminal showed so far. */
  screen(): string;
  /** Resolves once the screen shows `text`. */
  waitFor(text: string): Promise<void>;
  type(text: string): void;
  exited: Promise<number>;
}

function openTerminal(args: readonly string[]): Terminal {
  const term = spawn(process.execPath, [FKV_BIN, ...args], {
    name: 'xterm',
    cols: 200,
    rows: 50,
    env: fkvEnv(vault.dir),
  });
  let shown = '';
  const waiting: { text: string; done: () => void }[] = [];
  term.onData((data) => {
    shown += data;
    for (const wait of waiting.filter((w) => shown.includes(w.text))) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.done();
    }
  });
  const exited = new Promise<number>((done) => {
    term.onExit(({ exitCode }) => {
      done(exitCode);
    });
  });
  return {
    screen: () => shown,
    waitFor: (text) =>
      shown.includes(text)
        ? Promise.resolve()
        : new Promise((done) => {
            waiting.push({ text, done });
          }),
    type: (text) => {
      term.write(text);
    },
    exited,
  };
}

describe('fkv on a terminal', () => {
  it('asks for the password without echoing what is typed', async () => {
    const term = openTerminal(['status']);
    await term.waitFor('Master password: ');
    term.type(`${PASSWORD}\r`);
    expect(await term.exited).toBe(0);
    expect(term.screen()).toContain('No unfinished rotations.');
    expect(term.screen()).not.toContain(PASSWORD);
    expect(term.screen()).not.toContain('*'.repeat(PASSWORD.length));
  });

  it('says a wrong typed password with exit 3, echoing nothing of it', async () => {
    const term = openTerminal(['status']);
    await term.waitFor('Master password: ');
    term.type('not the password at all\r');
    expect(await term.exited).toBe(3);
    expect(term.screen()).not.toContain('not the password');
  });

  it('shows each rotation step as it passes', async () => {
    const old = flowise.addKey('deploy', ['chatflows:view']);
    flowise.addChatflow('one', { apikeyid: old.id });
    flowise.addChatflow('two', { apikeyid: old.id });
    const term = openTerminal(['rotate', 'deploy', '--instance', 'fake']);
    await term.waitFor('Master password: ');
    term.type(`${PASSWORD}\r`);
    await term.waitFor('Rotate this key? [y/N] ');
    expect(term.screen()).toContain('2 flows to rebind: one, two');
    term.type('y\r');
    expect(await term.exited).toBe(0);
    for (const step of ['create', 'rebind', 'verify', 'revoke', 'confirm'])
      expect(term.screen()).toContain(`✓ deploy: ${step}`);
    expect(flowise.state.keys.has(old.id)).toBe(false);
  });

  it('does not print a new key on a terminal: the clipboard, or --reveal', async () => {
    const term = openTerminal([
      'keys',
      'create',
      'tty-key',
      '--instance',
      'fake',
      '--permission',
      'chatflows:view',
    ]);
    expect(await term.exited).toBe(2);
    expect(term.screen()).toContain('use --reveal');
    expect([...flowise.state.keys.values()].some((k) => k.keyName === 'tty-key')).toBe(false);
    const shown = openTerminal([
      'keys',
      'create',
      'tty-key',
      '--instance',
      'fake',
      '--permission',
      'chatflows:view',
      '--reveal',
    ]);
    await shown.waitFor('Master password: ');
    shown.type(`${PASSWORD}\r`);
    expect(await shown.exited).toBe(0);
    const value =
      [...flowise.state.keys.values()].find((k) => k.keyName === 'tty-key')?.apiKey ?? 'missing';
    expect(shown.screen().split(value).length - 1).toBe(1);
  });
});
