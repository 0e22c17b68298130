// fkv run as a child process without a TTY: --json output, the password sources and the exit
// codes of the read-only commands, against a fake Flowise and a vault made by the harness core.
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import type { VaultFolder } from './fkv-fixture.js';
import { makeVault, PASSWORD, runFkv } from './fkv-fixture.js';

let vault: VaultFolder;
let flowise: FakeFlowise;
const stdin = { input: `${PASSWORD}\n` };

beforeAll(async () => {
  flowise = await startFakeFlowise();
  const deploy = flowise.addKey('deploy', ['chatflows:view']);
  flowise.addKey('unused-broad', ['apikeys:create', 'chatflows:view']);
  flowise.addChatflow('support bot', { apikeyid: deploy.id });
  vault = await makeVault();
  await vault.api.instances.add({ name: 'fake', baseUrl: flowise.url, adminKey: flowise.adminKey });
  vault.release();
}, 60_000);

afterAll(async () => {
  await vault.close();
  await flowise.close();
});

describe('fkv without a terminal', () => {
  it('prints every command and the exit codes in --help, and each option with an example', async () => {
    const top = await runFkv(vault.dir, ['--help']);
    expect(top.code).toBe(0);
    for (const command of ['status', 'instances', 'keys']) expect(top.stdout).toContain(command);
    expect(top.stdout).toMatch(
      /Exit codes:[\s\S]*3 {2}wrong password[\s\S]*5 {2}a rotation needs attention/,
    );
    const list = await runFkv(vault.dir, ['keys', 'list', '--help']);
    for (const option of [
      '--instance',
      '--unused',
      '--older-than',
      '--broad',
      '--vault',
      '--password-stdin',
      '--json',
      '--verbose',
    ])
      expect(list.stdout.split('Examples:')[1]).toContain(option);
  });

  it('answers status as JSON with the vault path and its instances, after --password-stdin', async () => {
    const result = await runFkv(vault.dir, ['status', '--json', '--password-stdin'], stdin);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout) as {
      path: string;
      state: string;
      instances: { name: string }[];
      unfinishedRotations: unknown[];
    };
    expect(status.path).toBe(join(vault.dir, 'vault.fkv'));
    expect(status.state).toBe('locked');
    expect(status.instances.map((i) => i.name)).toEqual(['fake']);
    expect(status.unfinishedRotations).toEqual([]);
  });

  it('lists keys masked, with the --unused and --broad filters, and never a value', async () => {
    const all = await runFkv(vault.dir, ['keys', 'list', '--json', '--password-stdin'], stdin);
    expect(all.code).toBe(0);
    const names = (JSON.parse(all.stdout) as { keyName: string }[]).map((k) => k.keyName);
    expect(names).toEqual(expect.arrayContaining(['admin', 'deploy', 'unused-broad']));
    for (const key of flowise.state.keys.values()) expect(all.stdout).not.toContain(key.apiKey);
    const unusedBroad = await runFkv(
      vault.dir,
      ['keys', 'list', '--instance', 'fake', '--unused', '--broad', '--password-stdin'],
      stdin,
    );
    expect(unusedBroad.code).toBe(0);
    expect(unusedBroad.stdout).toContain('unused-broad');
    expect(unusedBroad.stdout).not.toContain('deploy');
  });

  it('exits 3 on a wrong password and when no password is given', async () => {
    const wrong = await runFkv(vault.dir, ['status', '--password-stdin'], { input: 'nope\n' });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).not.toContain('nope');
    const none = await runFkv(vault.dir, ['status']);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('--password-stdin');
  });

  it('reads FKV_PASSWORD_FILE of mode 0600 only, and never FKV_PASSWORD', async () => {
    const file = join(vault.dir, 'password');
    await writeFile(file, `${PASSWORD}\n`);
    await chmod(file, 0o644);
    const open = await runFkv(vault.dir, ['status'], { env: { FKV_PASSWORD_FILE: file } });
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('mode 0644; only 0600 is accepted');
    await chmod(file, 0o600);
    const ok = await runFkv(vault.dir, ['status', '--json'], { env: { FKV_PASSWORD_FILE: file } });
    expect(ok.code).toBe(0);
    const plain = await runFkv(vault.dir, ['status'], { env: { FKV_PASSWORD: PASSWORD } });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('FKV_PASSWORD is never read');
  });

  it('exits 2 on a usage error, 1 where there is no vault, 4 when the server is unreachable', async () => {
    expect((await runFkv(vault.dir, ['keys', 'lost'])).code).toBe(2);
    expect((await runFkv(vault.dir, ['keys', 'list', '--older-than', 'soon'], stdin)).code).toBe(2);
    const missing = await runFkv(join(vault.dir, 'nowhere'), ['status'], stdin);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no vault at');
    await vault.open();
    await vault.api.instances.add({
      name: 'gone',
      baseUrl: 'http://127.0.0.1:9',
      adminKey: 'gone-admin-key-0123456789',
    });
    vault.release();
    const test = await runFkv(vault.dir, ['instances', 'test', 'gone', '--password-stdin'], stdin);
    expect(test.code).toBe(4);
  });

  it('writes the whole of a large --json answer to a pipe before it exits', async () => {
    const big = await startFakeFlowise({ seed: { keys: 3000 } });
    try {
      await vault.open();
      await vault.api.instances.add({ name: 'big', baseUrl: big.url, adminKey: big.adminKey });
      vault.release();
      const listed = await runFkv(
        vault.dir,
        ['keys', 'list', '--instance', 'big', '--json', '--password-stdin'],
        stdin,
      );
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout.length).toBeGreaterThan(4 * 64 * 1024);
      expect(JSON.parse(listed.stdout)).toHaveLength(3001);
    } finally {
      await big.close();
    }
  }, 60_000);
});
