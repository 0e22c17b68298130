// fkv's changes, run as a child process without a TTY against a fake Flowise: a key created and
// printed once, a copy through the platform's clipboard command, rotations with and without --yes,
// and the journal shared with the harness core (the app) in both directions.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import type { VaultFolder } from './fkv-fixture.js';
import { addFakeInstance, makeVault, PASSWORD, runFkv } from './fkv-fixture.js';

let vault: VaultFolder;
let flowise: FakeFlowise;
let instanceId: string;
let clipDir: string;
const stdin = { input: `${PASSWORD}\n` };

/** A stand-in for xclip: -in keeps stdin in a file (and a history line), -out prints it. */
const FAKE_XCLIP = `#!/bin/sh
case "$*" in
  *-out*) cat "$FAKE_CLIP" 2>/dev/null ;;
  *) cat > "$FAKE_CLIP"; printf '%s\\n' "$(cat "$FAKE_CLIP")" >> "$FAKE_CLIP.history" ;;
esac
`;

beforeAll(async () => {
  flowise = await startFakeFlowise();
  vault = await makeVault();
  instanceId = await addFakeInstance(vault, flowise);
  await vault.api.settings.update({ clipboardClearSeconds: 5 });
  vault.release();
  clipDir = await mkdtemp(join(tmpdir(), 'fkv-clip-'));
  await writeFile(join(clipDir, 'xclip'), FAKE_XCLIP);
  await chmod(join(clipDir, 'xclip'), 0o755);
}, 60_000);

afterAll(async () => {
  await vault.close();
  await flowise.close();
  await rm(clipDir, { recursive: true, force: true });
});

/** Runs `work` with the harness core (the app) unlocked, then locks it again for fkv. */
async function inApp<T>(work: () => Promise<T>): Promise<T> {
  await vault.open();
  try {
    return await work();
  } finally {
    vault.release();
  }
}

const keyNamed = (name: string) => [...flowise.state.keys.values()].find((k) => k.keyName === name);

describe('fkv changes', () => {
  it('prints a created key once to a pipe, and keeps it out of stderr and the audit log', async () => {
    const created = await runFkv(
      vault.dir,
      [
        'keys',
        'create',
        'ci-deploy',
        '--instance',
        'fake',
        '--permission',
        'chatflows:view',
        '--password-stdin',
      ],
      stdin,
    );
    expect(created.code).toBe(0);
    const value = keyNamed('ci-deploy')?.apiKey ?? 'missing';
    expect(created.stdout).toBe(`${value}\n`);
    expect(created.stderr).not.toContain(value);
    const exported = await runFkv(
      vault.dir,
      ['audit', 'export', '--format', 'json', '--password-stdin'],
      stdin,
    );
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('"key.create"');
    expect(exported.stdout).toContain('"key.reveal"');
    expect(exported.stdout).not.toContain(value);
    const csv = await runFkv(
      vault.dir,
      ['audit', 'export', '--format', 'csv', '--password-stdin'],
      stdin,
    );
    expect(csv.stdout.split('\r\n')[0]).toBe(
      '"seq","at","os user","action","outcome","instance","subject kind","subject","fingerprint","detail","hash"',
    );
    expect(csv.stdout).not.toContain(value);
    const verified = await runFkv(
      vault.dir,
      ['audit', 'verify', '--json', '--password-stdin'],
      stdin,
    );
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
  });

  it('copies through the clipboard command and clears it; without one it says to use --reveal', async () => {
    const none = await runFkv(
      vault.dir,
      ['keys', 'copy', 'ci-deploy', '--instance', 'fake', '--password-stdin'],
      stdin,
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('use --reveal');
    const clip = join(clipDir, 'clipboard');
    const copied = await runFkv(
      vault.dir,
      ['keys', 'copy', 'ci-deploy', '--instance', 'fake', '--password-stdin'],
      {
        ...stdin,
        env: { PATH: `${clipDir}:${process.env['PATH'] ?? ''}`, DISPLAY: ':0', FAKE_CLIP: clip },
      },
    );
    expect(copied.code).toBe(0);
    expect(copied.stderr).toContain('The clipboard was cleared.');
    const value = keyNamed('ci-deploy')?.apiKey ?? 'missing';
    expect((await readFile(`${clip}.history`, 'utf8')).split('\n')).toEqual([value, '', '']);
    expect(copied.stdout + copied.stderr).not.toContain(value);
  }, 30_000);

  it('changes nothing without --yes when not on a terminal, and rotates a key with --yes', async () => {
    const old = flowise.addKey('deploy', ['chatflows:view']);
    const flow = flowise.addChatflow('support bot', { apikeyid: old.id });
    const refused = await runFkv(
      vault.dir,
      ['rotate', 'deploy', '--instance', 'fake', '--password-stdin'],
      stdin,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('confirm with --yes');
    expect(flowise.state.keys.has(old.id)).toBe(true);
    const rotated = await runFkv(
      vault.dir,
      ['rotate', 'deploy', '--instance', 'fake', '--yes', '--password-stdin'],
      stdin,
    );
    expect(rotated.stderr).toContain('Rotate "deploy"');
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('done; the old key is deleted and refused');
    expect(flowise.state.keys.has(old.id)).toBe(false);
    const bound = flowise.state.chatflows.get(flow.id)?.apikeyid;
    expect(keyNamed('deploy')?.id).toBe(bound);
    expect(rotated.stdout + rotated.stderr).not.toContain(keyNamed('deploy')?.apiKey ?? 'missing');
  });

  it('leaves a rotation that fails in fkv to be resumed in the app, and exits 5 meanwhile', async () => {
    const old = flowise.addKey('cli-started', ['chatflows:view']);
    flowise.addChatflow('cli flow', { apikeyid: old.id });
    flowise.fault({ method: 'PUT', path: /^\/chatflows\//, status: 500 });
    const failed = await runFkv(
      vault.dir,
      ['rotate', 'cli-started', '--instance', 'fake', '--yes', '--password-stdin'],
      stdin,
    );
    flowise.clearFaults();
    expect(failed.code).toBe(5);
    expect(failed.stdout).toContain('Resume with fkv rotate --resume');
    expect((await runFkv(vault.dir, ['status', '--password-stdin'], stdin)).code).toBe(5);
    const view = await inApp(async () => {
      const [unfinished] = (await vault.api.rotation.list()).rotations.filter((r) => r.unfinished);
      const resumed = await vault.api.rotation.resume({ rotationId: unfinished?.id ?? '' });
      expect(resumed.status).toBe('waiting');
      return vault.api.rotation.revoke({ rotationId: resumed.id });
    });
    expect(view.status).toBe('done');
    expect(flowise.state.keys.has(old.id)).toBe(false);
  });

  it('resumes and finishes in fkv a rotation that failed in the app', async () => {
    const old = flowise.addKey('app-started', ['chatflows:view']);
    flowise.addChatflow('app flow', { apikeyid: old.id });
    flowise.fault({ method: 'PUT', path: /^\/chatflows\//, status: 500 });
    const started = await inApp(() => vault.api.rotation.start({ instanceId, keyId: old.id }));
    flowise.clearFaults();
    expect(started.status).toBe('failed');
    const resumed = await runFkv(
      vault.dir,
      ['rotate', '--resume', '--json', '--password-stdin'],
      stdin,
    );
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject([{ id: started.id, status: 'waiting' }]);
    const finished = await runFkv(
      vault.dir,
      ['rotate', '--finish', started.id, '--yes', '--password-stdin'],
      stdin,
    );
    expect(finished.code).toBe(0);
    expect(flowise.state.keys.has(old.id)).toBe(false);
    expect((await runFkv(vault.dir, ['status', '--password-stdin'], stdin)).code).toBe(0);
    const audit = await inApp(() => vault.api.audit.verify());
    expect(audit.ok).toBe(true);
  });

  it('rotates with --due the keys at or past their rotation policy, and no other', async () => {
    const old = flowise.addKey('due-key', ['chatflows:view']);
    flowise.addChatflow('due flow', { apikeyid: old.id });
    await inApp(async () => {
      await vault.api.keys.list({ instanceId });
      await vault.api.policies.set({
        scope: { kind: 'key', instanceId, keyId: old.id },
        maxAgeDays: 0,
      });
    });
    const rotated = await runFkv(
      vault.dir,
      ['rotate', '--due', '--yes', '--json', '--password-stdin'],
      stdin,
    );
    expect(rotated.code).toBe(0);
    expect(JSON.parse(rotated.stdout)).toMatchObject([{ oldKey: 'due-key', status: 'done' }]);
    expect(flowise.state.keys.has(old.id)).toBe(false);
  });

  it('lists credentials by name and type, never a secret', async () => {
    flowise.state.addCredential('openai prod', 'openAIApi', {
      openAIApiKey: 'sk-never-printed-0123',
    });
    const listed = await runFkv(
      vault.dir,
      ['credentials', 'list', '--json', '--password-stdin'],
      stdin,
    );
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { name: 'openai prod', instanceName: 'fake' },
    ]);
    expect(listed.stdout).not.toContain('sk-never-printed');
  });
});
