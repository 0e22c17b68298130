// A real kill at points of a rotation: a child process runs the core and SIGKILLs itself there;
// a new core in this process opens the same vault files and resumes. After each: no flow is
// locked out, the new key's value is not lost, the old key is deleted exactly once.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, expect, it } from 'vitest';

import { fingerprint } from '../../main/core/flowise/mask.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import type { FakeKey } from '../fakes/fake-flowise-state.js';
import type { RotationCore } from './rotation-fixture.js';
import { expectNoLockedOutFlow, expectRotated, replacements } from './rotation-expect.js';
import { startRotationCore } from './rotation-fixture.js';

const CHILD = join(import.meta.dirname, 'rotation-kill-child.ts');
let flowise: FakeFlowise;
let old: FakeKey;
let dir: string;
let core: RotationCore | undefined;

beforeEach(async () => {
  flowise = await startFakeFlowise();
  old = flowise.addKey('deploy', ['chatflows:view', 'apikeys:view']);
  for (const name of ['a', 'b', 'c']) flowise.addChatflow(name, { apikeyid: old.id });
  dir = await mkdtemp(join(tmpdir(), 'fkv-kill-'));
});
afterEach(async () => {
  await core?.close();
  core = undefined;
  await flowise.close();
  await rm(dir, { recursive: true, force: true });
});

function runChild(
  point: string,
  nth: number,
  revoke: boolean,
  keyId = old.id,
): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, dir, keyId, point, String(nth), ...(revoke ? ['revoke'] : [])],
      {
        env: { ...process.env, FKV_KILL_URL: flowise.url, FKV_KILL_ADMIN_KEY: flowise.adminKey },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === null) reject(new Error(`the child exited with ${String(code)}: ${stderr}`));
      else resolve(signal);
    });
  });
}

const POINTS: [string, number, boolean][] = [
  ['create:posted', 1, false],
  ['rebind:flow', 2, false],
  ['verify:done', 1, false],
  ['revoke:deleted', 1, true],
];

it.each(POINTS)(
  'a SIGKILL at %s (#%i), then a new process resumes',
  { timeout: 60_000 },
  async (point, nth, revoke) => {
    expect(await runChild(point, nth, revoke)).toBe('SIGKILL');
    expectNoLockedOutFlow(flowise);
    core = await startRotationCore(
      { url: flowise.url, adminKey: flowise.adminKey },
      () => Promise.resolve(),
      dir,
    );
    const open = (await core.api.rotation.list()).rotations.filter((r) => r.unfinished);
    expect(open).toHaveLength(1);
    const view = await core.api.rotation.resume({ rotationId: open[0]?.id ?? '' });
    let done = view;
    let value = replacements(flowise, view)[0]?.apiKey;
    if (view.status === 'waiting') {
      const again = await core.api.rotation.reveal({ rotationId: view.id });
      value = (await core.api.keys.reveal({ ticket: again.ticket ?? '' })).value;
      done = await core.api.rotation.revoke({ rotationId: view.id });
    }
    expectRotated(flowise, done, old, value ?? '', 1);
  },
);

/** The admin key's own rotation: killed around the switch of the stored key, and at revoke. */
const ADMIN_POINTS: [string, number, boolean][] = [
  ['stash:remembered', 1, false],
  ['switch:saved', 1, false],
  ['switch:done', 1, false],
  ['revoke:deleted', 1, true],
];

it.each(ADMIN_POINTS)(
  'an admin rotation killed at %s (#%i), then a new process resumes',
  { timeout: 60_000 },
  async (point, nth, revoke) => {
    const admin = { ...(flowise.state.keys.get(flowise.adminKeyId) as FakeKey) };
    flowise.addChatflow('on-admin', { apikeyid: admin.id });
    expect(await runChild(point, nth, revoke, admin.id)).toBe('SIGKILL');
    expectNoLockedOutFlow(flowise);
    core = await startRotationCore(
      { url: flowise.url, adminKey: flowise.adminKey },
      () => Promise.resolve(),
      dir,
    );
    // The key the vault stores still manages the instance, whatever the kill interrupted.
    await core.api.keys.list({ instanceId: core.instanceId });
    const [open] = (await core.api.rotation.list()).rotations.filter((r) => r.unfinished);
    let done = await core.api.rotation.resume({ rotationId: open?.id ?? '' });
    let value = replacements(flowise, done)[0]?.apiKey;
    if (done.status === 'waiting') {
      const again = await core.api.rotation.reveal({ rotationId: done.id });
      value = (await core.api.keys.reveal({ ticket: again.ticket ?? '' })).value;
      done = await core.api.rotation.revoke({ rotationId: done.id });
    }
    expectRotated(flowise, done, admin, value ?? '', 1);
    const [instance] = (await core.api.instances.list()).instances;
    expect(instance?.adminKeyFingerprint).toBe(fingerprint(value ?? ''));
    await core.api.keys.list({ instanceId: core.instanceId });
  },
);
