// fkv on a real terminal (node-pty): the password prompt echoes nothing of what is typed, a
// rotation shows its steps as they pass, a delivery command is shown exactly and asked about before
// it runs, and a key made on a terminal is not printed unless asked.
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { spawn } from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import type { VaultFolder } from './fkv-fixture.js';
import {
  addFakeInstance,
  addTargets,
  catTarget,
  FKV_BIN,
  fkvEnv,
  makeVault,
  PASSWORD,
} from './fkv-fixture.js';

let vault: VaultFolder;
let flowise: FakeFlowise;
let instanceId: string;

beforeAll(async () => {
  flowise = await startFakeFlowise();
  vault = await makeVault();
  instanceId = await addFakeInstance(vault, flowise);
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

  it('shows a delivery command exactly before it runs, and runs nothing on "n"', async () => {
    const old = flowise.addKey('delivered', ['chatflows:view']);
    flowise.addChatflow('delivered flow', { apikeyid: old.id });
    const work = await mkdtemp(join(tmpdir(), 'fkv-tty-target-'));
    const received = join(work, 'received');
    await addTargets(vault, { instanceId, keyId: old.id }, [
      catTarget('secret store', received, { via: 'env', name: 'NEW_KEY' }, 30),
    ]);
    const term = openTerminal(['rotate', 'delivered', '--instance', 'fake']);
    await term.waitFor('Master password: ');
    term.type(`${PASSWORD}\r`);
    await term.waitFor('Rotate this key? [y/N] ');
    term.type('y\r');
    await term.waitFor('Run it? [y/N] ');
    const asked = term.screen();
    expect(asked).toContain('Deliver the new key of "delivered" (fake) to "secret store"?');
    expect(asked).toContain('Program: "/bin/sh"');
    expect(asked).toContain('argument 2: "cat > \\"$0\\""');
    expect(asked).toContain(`argument 3: ${JSON.stringify(received)}`);
    expect(asked).toContain(
      'The key: in the environment variable NEW_KEY (never in the arguments)',
    );
    expect(asked).toContain('Stopped after 30 s.');
    term.type('n\r');
    expect(await term.exited).toBe(5);
    await expect(access(received)).rejects.toThrow();
    expect(flowise.state.keys.has(old.id)).toBe(true);
    expect(term.screen()).toContain('"secret store": failed: It was not confirmed');
    for (const key of flowise.state.keys.values()) expect(term.screen()).not.toContain(key.apiKey);
    await rm(work, { recursive: true, force: true });
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
