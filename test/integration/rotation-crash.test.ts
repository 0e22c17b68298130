// A crash at every point of a rotation: the core dies there (no more vault writes, no more
// requests), a new core opens the same vault files, finds the unfinished journal and resumes it
// (or rolls it back). After each: no flow is locked out, the new key's value is not lost, the old
// key is revoked exactly once, and there is never more than one replacement key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RotationView } from '../../common/ipc/schemas/rotation.js';
import type { FakeKey } from '../fakes/fake-flowise-state.js';
import type { CrashPoint, RotationFixture } from './rotation-fixture.js';
import {
  crashAndRestart,
  crashLabel,
  expectRolledBack,
  expectRotated,
  replacements,
} from './rotation-expect.js';
import { startRotationFixture } from './rotation-fixture.js';

let f: RotationFixture;
let old: FakeKey;

beforeEach(async () => {
  f = await startRotationFixture();
  old = f.flowise.addKey('deploy', ['chatflows:view', 'apikeys:view']);
  for (const name of ['a', 'b', 'c']) f.flowise.addChatflow(name, { apikeyid: old.id });
});
afterEach(async () => {
  await f.close();
});

const BEFORE_GRACE: CrashPoint[] = [
  { point: 'plan:saved' },
  { point: 'create:posted' },
  { point: 'stash:remembered' },
  { point: 'stash:done' },
  { point: 'rebind:flow', nth: 1 },
  { point: 'rebind:flow', nth: 2 },
  { point: 'rebind:done' },
  { point: 'verify:done' },
  { point: 'reveal:done' },
];
const AFTER_GRACE: CrashPoint[] = [
  { point: 'grace:saved' },
  { point: 'revoke:deleted' },
  { point: 'revoke:done' },
];

/** Plays the crash during `call`: never more than one replacement, then a restart. */
const crashDuring = (crash: CrashPoint, call: () => Promise<unknown>): Promise<RotationView> =>
  crashAndRestart(f, crash, call, {
    dead: () => {
      expect(replacements(f.flowise, { newKeyName: nameOnServer() }).length).toBeLessThanOrEqual(1);
    },
  });

/** The replacement's name, from the journal-independent view of the server. */
function nameOnServer(): string {
  const fresh = [...f.flowise.state.keys.values()].find((k) => k.keyName.startsWith('deploy ('));
  return fresh?.keyName ?? 'none';
}

async function redeem(view: RotationView): Promise<string> {
  const ticket = view.ticket ?? (await f.api.rotation.reveal({ rotationId: view.id })).ticket ?? '';
  return (await f.api.keys.reveal({ ticket })).value;
}

const start = () => f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });

describe('a crash before grace', () => {
  it.each(BEFORE_GRACE.map((c) => [crashLabel(c), c] as const))(
    'at %s, then resume: rotated',
    async (_, crash) => {
      const open = await crashDuring(crash, start);
      // The key was created, but the journal never heard of it: resume finds it by its name.
      if (crash.point === 'create:posted') expect(open.newKey).toBeUndefined();
      const view = await f.api.rotation.resume({ rotationId: open.id });
      expect(view.status).toBe('waiting');
      const value = await redeem(view);
      const done = await f.api.rotation.revoke({ rotationId: view.id });
      expectRotated(f.flowise, done, old, value, 1);
    },
  );

  it.each(BEFORE_GRACE.map((c) => [crashLabel(c), c] as const))(
    'at %s, then rollback: nothing left of it',
    async (_, crash) => {
      const open = await crashDuring(crash, start);
      expect(open.canRollback).toBe(true);
      expectRolledBack(f.flowise, await f.api.rotation.rollback({ rotationId: open.id }), old);
    },
  );
});

describe('a crash after grace', () => {
  it.each(AFTER_GRACE.map((c) => [crashLabel(c), c] as const))(
    'at %s: only forward, the old key deleted once',
    async (_, crash) => {
      const started = await start();
      const value = await redeem(started);
      const open = await crashDuring(crash, () =>
        f.api.rotation.revoke({ rotationId: started.id }),
      );
      expect(open.canRollback).toBe(false);
      await expect(f.api.rotation.rollback({ rotationId: open.id })).rejects.toMatchObject({
        code: 'precondition_failed',
      });
      const done = await f.api.rotation.resume({ rotationId: open.id });
      expectRotated(f.flowise, done, old, value, 1);
    },
  );
});

describe('a crash during rollback', () => {
  it.each(
    [{ point: 'rollback:flow', nth: 2 }, { point: 'rollback:deleted' }].map(
      (c) => [crashLabel(c), c] as const,
    ),
  )('at %s, then resume finishes the rollback', async (_, crash) => {
    const started = await start();
    const open = await crashDuring(crash, () =>
      f.api.rotation.rollback({ rotationId: started.id }),
    );
    expectRolledBack(f.flowise, await f.api.rotation.resume({ rotationId: open.id }), old);
  });
});

describe('a key name with surrounding spaces', () => {
  it('a crash right after the replacement is created, then resume: the key is found again by its name, never made twice', async () => {
    const spaced = f.flowise.addKey('  spaced ', ['chatflows:view', 'apikeys:view']);
    f.flowise.addChatflow('d', { apikeyid: spaced.id });
    const made = () =>
      [...f.flowise.state.keys.values()].filter((k) => k.keyName.includes('spaced (rotation'));
    const open = await crashAndRestart(f, { point: 'create:posted' }, () =>
      f.api.rotation.start({ instanceId: f.instanceId, keyId: spaced.id }),
    );
    expect(made().map((k) => k.keyName)).toEqual([open.newKeyName]);
    const view = await f.api.rotation.resume({ rotationId: open.id });
    expect(view.status).toBe('waiting');
    expect(made()).toHaveLength(1);
    expect(view.newKey?.id).toBe(made()[0]?.id);
  });
});
