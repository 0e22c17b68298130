// fkv rotate delivers a key's new value to its targets, without a TTY: a .env file needs no
// confirmation (as in the app), a command runs only with --allow-commands (--yes alone never allows
// one), and revoke is held back (exit 5) while a target is not delivered. No key value ever
// reaches fkv's stdout or stderr.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import { describeHits, scanForSecrets, SecretSet } from '../harness/secret-scan.js';
import type { VaultFolder } from './fkv-fixture.js';
import {
  addFakeInstance,
  addTargets,
  catTarget,
  makeVault,
  PASSWORD,
  runFkv,
  transcript,
} from './fkv-fixture.js';

let vault: VaultFolder;
let flowise: FakeFlowise;
let instanceId: string;
let work: string;
const stdin = { input: `${PASSWORD}\n` };
const secrets = new SecretSet();

beforeAll(async () => {
  flowise = await startFakeFlowise();
  vault = await makeVault();
  instanceId = await addFakeInstance(vault, flowise);
  vault.release();
  work = await mkdtemp(join(tmpdir(), 'fkv-targets-'));
}, 60_000);

afterAll(async () => {
  await vault.close();
  await flowise.close();
  await rm(work, { recursive: true, force: true });
});

/** A key bound to one flow, with a .env target and a command target that keeps its stdin in a
 * file; the key's old value is added to the scan. */
async function keyWithTargets(name: string) {
  const old = flowise.addKey(name, ['chatflows:view']);
  secrets.add(old.apiKey, `${name} (old)`);
  flowise.addChatflow(`${name} flow`, { apikeyid: old.id });
  const envFile = join(work, `${name}.env`);
  const received = join(work, `${name}.received`);
  await writeFile(envFile, `# the app's settings\nFLOWISE_API_KEY=${old.apiKey}\nPORT=3000\n`);
  await addTargets(vault, { instanceId, keyId: old.id }, [
    { label: 'app env', target: { kind: 'env-file', path: envFile, name: 'FLOWISE_API_KEY' } },
    catTarget('secret store', received, { via: 'stdin' }, 20),
  ]);
  /** The new value, as the .env file now holds it (and added to the scan). */
  const newValue = async (): Promise<string> => {
    const line = (await readFile(envFile, 'utf8')).split('\n')[1] ?? '';
    const value = line.replace('FLOWISE_API_KEY=', '');
    secrets.add(value, `${name} (new)`);
    return value;
  };
  return { old, envFile, received, newValue };
}

const rotate = (name: string, ...more: string[]) =>
  runFkv(vault.dir, ['rotate', name, '--instance', 'fake', '--password-stdin', ...more], stdin);

/** A key rotated with --yes whose command target is refused (no --allow-commands): held, exit 5. */
async function heldRotation(name: string) {
  const made = await keyWithTargets(name);
  const rotated = await rotate(name, '--yes', '--json');
  expect(rotated.code).toBe(5);
  const [{ id = '' } = {}] = JSON.parse(rotated.stdout) as { id?: string }[];
  /** fkv rotate with these options, on the held rotation's id. */
  const carryOn = (...args: string[]) =>
    runFkv(vault.dir, ['rotate', ...args, '--password-stdin'], stdin);
  return { ...made, id, carryOn };
}

const readOrNothing = (path: string) => readFile(path, 'utf8').catch(() => 'nothing');

describe('fkv rotate with delivery targets, without a terminal', () => {
  it('delivers to a .env file, refuses a command without --allow-commands (--yes is not enough), and holds revoke back with exit 5', async () => {
    const { old, envFile, received, newValue } = await keyWithTargets('held');
    const rotated = await rotate('held', '--yes');
    expect(rotated.code).toBe(5);
    const value = await newValue();
    expect(value).not.toBe(old.apiKey);
    expect(flowise.state.keys.has(old.id)).toBe(true);
    expect([...flowise.state.keys.values()].some((k) => k.apiKey === value)).toBe(true);
    expect(await readFile(envFile, 'utf8')).toBe(
      `# the app's settings\nFLOWISE_API_KEY=${value}\nPORT=3000\n`,
    );
    expect(await readOrNothing(received)).toBe('nothing');
    expect(rotated.stderr).toContain('2 delivery targets:');
    expect(rotated.stderr).toContain(`"app env"; .env file ${envFile}, variable FLOWISE_API_KEY`);
    expect(rotated.stderr).toContain(
      'not run: no terminal to confirm it on (--allow-commands runs it)',
    );
    expect(rotated.stderr).toContain('"/bin/sh"');
    expect(rotated.stdout).toContain('"app env": delivered');
    expect(rotated.stdout).toContain('"secret store": failed');
    expect(rotated.stdout).toContain('Revoke is held back');
    expect(rotated.stdout).not.toContain('--finish');
  });

  it('runs a command target with --allow-commands, saying on stderr exactly what runs, then revokes', async () => {
    const { old, received, newValue } = await keyWithTargets('allowed');
    const rotated = await rotate('allowed', '--yes', '--allow-commands');
    expect(rotated.code).toBe(0);
    const value = await newValue();
    expect(await readFile(received, 'utf8')).toBe(value);
    expect(flowise.state.keys.has(old.id)).toBe(false);
    expect(rotated.stderr).toContain('fkv: running (--allow-commands):');
    expect(rotated.stderr).toContain('Program: "/bin/sh"');
    expect(rotated.stderr).toContain(`argument 3: ${JSON.stringify(received)}`);
    expect(rotated.stderr).toContain('The key: on stdin (never in the arguments)');
    expect(rotated.stderr).toContain('Stopped after 20 s.');
    expect(rotated.stdout).toContain('done; the old key is deleted and refused');
  });

  it('documents --allow-commands with an example in fkv rotate --help', async () => {
    const help = await runFkv(vault.dir, ['rotate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--allow-commands');
    expect(help.stdout).toMatch(/fkv rotate deploy --instance prod --yes --allow-commands/);
  });

  it('keeps a held rotation held on --finish (exit 5, naming what failed), and --retry-delivery delivers and finishes it', async () => {
    const { old, received, newValue, id, carryOn } = await heldRotation('retried');
    const finish = await carryOn('--finish', id, '--yes');
    expect(finish.code).toBe(5);
    expect(finish.stderr).toContain('"secret store"');
    expect(finish.stderr).toContain(`--retry-delivery ${id}`);
    expect(flowise.state.keys.has(old.id)).toBe(true);
    const retried = await carryOn('--retry-delivery', id, '--yes', '--allow-commands');
    expect(retried.code, retried.stderr).toBe(0);
    expect(await readFile(received, 'utf8')).toBe(await newValue());
    expect(flowise.state.keys.has(old.id)).toBe(false);
    expect(retried.stdout).toContain('done; the old key is deleted and refused');
  });

  it('deletes the old key of a held rotation only with --finish --override (not --yes alone), after naming what failed', async () => {
    const { old, id, carryOn } = await heldRotation('overridden');
    const refused = await carryOn('--finish', id, '--override');
    expect(refused.code).toBe(2);
    expect(flowise.state.keys.has(old.id)).toBe(true);
    const forced = await carryOn('--finish', id, '--override', '--yes');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('Although: ');
    expect(forced.stderr).toContain('"secret store"');
    expect(flowise.state.keys.has(old.id)).toBe(false);
    expect((await carryOn('--retry-delivery', id, '--override')).code).toBe(2);
  });

  it('never prints a key value on stdout or stderr', () => {
    expect(secrets.size).toBeGreaterThan(0);
    const hits = scanForSecrets(secrets, transcript);
    expect(hits, describeHits(hits, secrets.size)).toEqual([]);
  });
});
