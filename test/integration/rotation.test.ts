// rotation.* end to end through the core and its contract, against the fake Flowise: the happy
// path, the guards, and what the renderer may see.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RotationView } from '../../common/ipc/schemas/rotation.js';
import type { FakeChatflow, FakeKey } from '../fakes/fake-flowise-state.js';
import { PASSWORD } from './core-fixture.js';
import type { RotationFixture } from './rotation-fixture.js';
import { deletesOf, expectNoLockedOutFlow, replacements } from './rotation-expect.js';
import { startRotationFixture } from './rotation-fixture.js';

let f: RotationFixture;
let old: FakeKey;
let flows: FakeChatflow[];
const PERMISSIONS = ['chatflows:view', 'agentflows:view', 'apikeys:view'];

beforeEach(async () => {
  f = await startRotationFixture();
  old = f.flowise.addKey('deploy', PERMISSIONS);
  flows = ['support', 'sales', 'ops'].map((name) =>
    f.flowise.addChatflow(name, { apikeyid: old.id }),
  );
  f.flowise.addChatflow('public');
});
afterEach(async () => {
  await f.close();
});

const boundTo = (keyId: string): string[] =>
  [...f.flowise.state.chatflows.values()]
    .filter((c) => c.apikeyid === keyId)
    .map((c) => c.name)
    .sort();

describe('rotation of one key', () => {
  it('plans without changing anything', async () => {
    const plan = await f.api.rotation.plan({ instanceId: f.instanceId, keyId: old.id });
    expect(plan.flows.map((x) => x.name).sort()).toEqual(['ops', 'sales', 'support']);
    expect(plan.permissions).toEqual(PERMISSIONS);
    expect(plan.oldKey).toMatchObject({ id: old.id, name: 'deploy' });
    expect(plan.newKeyName).toMatch(/^deploy \(rotation [a-f0-9]{12}\)$/);
    expect(plan.warnings.join(' ')).toContain('3 flows accept only one key');
    expect(f.flowise.state.keys.size).toBe(2);
    expect((await f.api.rotation.list()).rotations).toEqual([]);
  });

  it('rotates a key bound to 3 flows: rebind, verify, reveal once, grace, revoke, confirm', async () => {
    const { api, flowise, instanceId } = f;
    const first = flows[0];
    if (first === undefined) throw new Error('no flow');
    const started = await api.rotation.start({
      instanceId,
      keyId: old.id,
      probeFlowIds: [first.id],
    });
    expect(started).toMatchObject({ status: 'waiting', reached: 'reveal', canRevoke: true });
    expect(started.canRollback).toBe(true);
    expect(started.flows.map((x) => x.state)).toEqual(['verified', 'verified', 'verified']);
    const [fresh] = replacements(flowise, started);
    expect(fresh?.permissions).toEqual(PERMISSIONS);
    expect(boundTo(fresh?.id ?? '')).toEqual(['ops', 'sales', 'support']);
    expect(flowise.state.keys.has(old.id)).toBe(true);
    expect(started.cutoverMs).toBeGreaterThanOrEqual(0);

    const { value } = await api.keys.reveal({ ticket: started.ticket ?? '' });
    expect(value).toBe(fresh?.apiKey);
    await expect(api.keys.reveal({ ticket: started.ticket ?? '' })).rejects.toMatchObject({
      code: 'not_found',
    });
    // The prediction probe went out with the new key.
    const probe = flowise.log.find((r) => r.url === `/api/v1/prediction/${first.id}`);
    expect(probe?.headers.authorization).toBe(`Bearer ${value}`);

    const done = await api.rotation.revoke({ rotationId: started.id });
    expect(done).toMatchObject({ status: 'done', reached: 'confirm', unfinished: false });
    // Only the admin key's own rotation switches the vault's stored key.
    expect(done.steps.filter((s) => s.state !== 'done')).toEqual([
      { step: 'switch', state: 'skipped' },
    ]);
    expect(done.admin).toBeUndefined();
    expect(flowise.state.keys.has(old.id)).toBe(false);
    expect(deletesOf(flowise, old.id)).toBe(1);
    expectNoLockedOutFlow(flowise);

    const audit = await api.audit.list({ action: 'rotation.step' });
    const details = audit.records.map((r) => r.detail?.split(':')[0]).reverse();
    expect(details).toEqual([
      'plan',
      'create',
      'stash',
      'rebind',
      'verify',
      'reveal',
      'grace',
      'revoke',
      'revoke',
      'confirm',
    ]);
    await expect(api.rotation.rollback({ rotationId: started.id })).rejects.toMatchObject({
      code: 'precondition_failed',
    });

    // No key value reached the renderer, the events, the logs or the audit log.
    const seen = JSON.stringify({
      list: await api.rotation.list(),
      events: f.events.events,
      logs: f.logger.lines,
      audit: f.core.audit.export().json,
      started: { ...started, ticket: undefined },
      done,
    });
    for (const secret of [value, old.apiKey]) expect(seen.includes(secret)).toBe(false);
  });

  it('names the flow and quotes the server when a flow marked safe to call cannot run', async () => {
    const first = flows[0];
    if (first === undefined) throw new Error('no flow');
    f.flowise.fault({
      method: 'POST',
      path: `/prediction/${first.id}`,
      status: 500,
      json: { message: 'Error: predictionsServices.buildChatflow - Ending nodes not found' },
      times: 1,
    });
    const failed = await f.api.rotation.start({
      instanceId: f.instanceId,
      keyId: old.id,
      probeFlowIds: [first.id],
    });
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'verify' });
    expect(failed.error?.message).toContain('"support"');
    expect(failed.error?.message).toContain('Ending nodes not found');
    expect(failed.error?.message).not.toContain('was not found');
    expect(failed.error?.message).not.toContain(first.id);
  });

  it('gives the new key the old name once the old key is revoked, and never stacks suffixes', async () => {
    const first = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    expect(first.newKeyName).toMatch(/^deploy \(rotation [a-f0-9]{12}\)$/);
    const done = await f.api.rotation.revoke({ rotationId: first.id });
    expect(done).toMatchObject({ status: 'done', newKey: { name: 'deploy' } });
    const renamed = f.flowise.state.keys.get(done.newKey?.id ?? '');
    expect(renamed).toMatchObject({ keyName: 'deploy', permissions: PERMISSIONS });
    const puts = f.flowise.log.filter(
      (r) => r.method === 'PUT' && r.url.startsWith('/api/v1/apikey/'),
    );
    expect(puts).toHaveLength(1);
    const audit = await f.api.audit.list({ action: 'rotation.step' });
    expect(audit.records.some((r) => r.detail?.includes('renamed to "deploy"'))).toBe(true);

    // A key still carrying an old suffix (renamed by an older version) loses it first.
    await f.api.keys.update({
      instanceId: f.instanceId,
      keyId: renamed?.id ?? '',
      keyName: 'deploy (rotation 5d6c0a1b2c3d)',
    });
    const plan = await f.api.rotation.plan({ instanceId: f.instanceId, keyId: renamed?.id ?? '' });
    expect(plan.newKeyName).toMatch(/^deploy \(rotation [a-f0-9]{12}\)$/);
    const second = await f.api.rotation.start({
      instanceId: f.instanceId,
      keyId: renamed?.id ?? '',
    });
    const end = await f.api.rotation.revoke({ rotationId: second.id });
    expect(end.newKey?.name).toBe('deploy');
  });

  it('reports progress after every step, without a ticket', async () => {
    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    const progress = f.events.events
      .filter((e) => e.event === 'rotation.progress')
      .map((e) => e.payload as RotationView);
    expect(progress.map((p) => p.reached)).toEqual(
      expect.arrayContaining(['plan', 'create', 'stash', 'rebind', 'verify', 'reveal']),
    );
    expect(progress.every((p) => p.ticket === undefined && p.id === started.id)).toBe(true);
  });

  it('rolls back before revoke: flows back on the old key, the new key deleted', async () => {
    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    const fresh = replacements(f.flowise, started)[0];
    const back = await f.api.rotation.rollback({ rotationId: started.id });
    expect(back).toMatchObject({ status: 'rolled_back', unfinished: false, canRevoke: false });
    expect(back.flows.map((x) => x.state)).toEqual(['restored', 'restored', 'restored']);
    expect(boundTo(old.id)).toEqual(['ops', 'sales', 'support']);
    expect(f.flowise.state.keys.has(fresh?.id ?? '')).toBe(false);
    expect(deletesOf(f.flowise, old.id)).toBe(0);
    expectNoLockedOutFlow(f.flowise);
  });

  it('rolls back during grace, after the new key was revealed: flows back on the old key, the new key deleted, never shown again', async () => {
    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    await f.api.keys.reveal({ ticket: started.ticket ?? '' });
    const fresh = replacements(f.flowise, started)[0];
    const waiting = (await f.api.rotation.list()).rotations[0];
    expect(waiting).toMatchObject({ status: 'waiting', canRollback: true, canRevoke: true });
    const back = await f.api.rotation.rollback({ rotationId: started.id });
    expect(back).toMatchObject({ status: 'rolled_back', unfinished: false, canRevoke: false });
    expect(back.flows.map((x) => x.state)).toEqual(['restored', 'restored', 'restored']);
    expect(boundTo(old.id)).toEqual(['ops', 'sales', 'support']);
    expect(f.flowise.state.keys.has(fresh?.id ?? '')).toBe(false);
    expect(deletesOf(f.flowise, old.id)).toBe(0);
    expectNoLockedOutFlow(f.flowise);
    await expect(
      f.api.rotation.reveal({ rotationId: started.id, password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'precondition_failed' });
  });

  it('shows the new key again only during grace, and moves late flows before revoking', async () => {
    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    const again = await f.api.rotation.reveal({ rotationId: started.id });
    const fresh = replacements(f.flowise, started)[0];
    expect((await f.api.keys.reveal({ ticket: again.ticket ?? '' })).value).toBe(fresh?.apiKey);
    // Later than the re-auth window, the master password is asked for again.
    await f.api.settings.update({ autoLockMinutes: 60, password: PASSWORD });
    f.clock.advance(16 * 60_000);
    await expect(f.api.rotation.reveal({ rotationId: started.id })).rejects.toMatchObject({
      code: 'reauth_required',
    });
    await expect(
      f.api.rotation.reveal({ rotationId: started.id, password: 'not the password' }),
    ).rejects.toMatchObject({ code: 'wrong_password' });
    const third = await f.api.rotation.reveal({ rotationId: started.id, password: PASSWORD });
    expect((await f.api.keys.reveal({ ticket: third.ticket ?? '' })).value).toBe(fresh?.apiKey);
    const late = f.flowise.addChatflow('late', { apikeyid: old.id });
    const done = await f.api.rotation.revoke({ rotationId: started.id });
    expect(done.status).toBe('done');
    expect(f.flowise.state.chatflows.get(late.id)?.apikeyid).toBe(fresh?.id);
    await expect(f.api.rotation.reveal({ rotationId: started.id })).rejects.toMatchObject({
      code: 'precondition_failed',
    });
  });

  it('keeps the instance until its rotation has ended', async () => {
    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    await expect(f.api.instances.remove(f.instanceId)).rejects.toMatchObject({
      code: 'precondition_failed',
      message: expect.stringContaining('has not finished') as unknown,
    });
    expect((await f.api.instances.list()).instances.map((i) => i.id)).toEqual([f.instanceId]);
    await f.api.rotation.rollback({ rotationId: started.id });
    await f.api.instances.remove(f.instanceId);
    expect((await f.api.instances.list()).instances).toEqual([]);
    // The ended rotation stays in the history, under the name the instance had.
    expect((await f.api.rotation.list()).rotations.map((r) => r.status)).toEqual(['rolled_back']);
  });

  it('refuses a second rotation of the same key', async () => {
    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    await expect(
      f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect((await f.api.rotation.list()).rotations.map((r) => r.unfinished)).toEqual([true]);
    expect(started.status).toBe('waiting');
  });

  it('refuses a key the admin key cannot see (it holds fewer permissions) before creating anything', async () => {
    const weak = f.flowise.addKey('weak-admin', [
      'apikeys:view',
      'apikeys:create',
      'chatflows:view',
    ]);
    const { id } = await f.api.instances.add({
      name: 'weak',
      baseUrl: f.flowise.url,
      adminKey: weak.apiKey,
    });
    const keyCount = f.flowise.state.keys.size;
    await expect(f.api.rotation.start({ instanceId: id, keyId: old.id })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('cannot see it'),
    });
    expect(f.flowise.state.keys.size).toBe(keyCount);
  });
});

describe('revoke', () => {
  it('re-reads the flows right before deleting: a flow bound to the old key meanwhile keeps it, and is named', async () => {
    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    await f.api.keys.reveal({ ticket: started.ticket ?? '' });
    let late: FakeChatflow | undefined;
    f.when('revoke:read', () => {
      late = f.flowise.addChatflow('bound late', { apikeyid: old.id });
    });
    const stopped = await f.api.rotation.revoke({ rotationId: started.id });
    expect(stopped).toMatchObject({ status: 'failed', failedStep: 'revoke' });
    expect(stopped.error?.message).toContain('"bound late"');
    expect(f.flowise.state.keys.has(old.id)).toBe(true);
    expect(deletesOf(f.flowise, old.id)).toBe(0);
    expectNoLockedOutFlow(f.flowise);

    const done = await f.api.rotation.resume({ rotationId: started.id });
    expect(done.status).toBe('done');
    expect(f.flowise.state.chatflows.get(late?.id ?? '')?.apikeyid).toBe(done.newKey?.id);
    expectNoLockedOutFlow(f.flowise);
  });
});

describe('the cutover', () => {
  it('rebinds 200 flows at most 8 at a time', async () => {
    for (let i = 0; i < 197; i += 1)
      f.flowise.addChatflow(`bulk-${String(i)}`, { apikeyid: old.id });
    // Every rebind takes 20 ms: one by one would take 4 s, 8 at a time 0.5 s at best.
    f.flowise.fault({ method: 'PUT', path: /^\/chatflows\//, latencyMs: 20 });
    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    expect(started.flows).toHaveLength(200);
    expect(f.maxPutsInFlight()).toBe(8);
    expect(started.cutoverMs).toBeGreaterThanOrEqual(450);
    expect(started.cutoverMs).toBeLessThan(4000);
  });
});

describe.each(['3.0.1-3.0.12', '2.0.6-3.0.0'] as const)('on a %s server', (generation) => {
  it('rotates a key that carries no permissions', async () => {
    const g = await startRotationFixture({ generation });
    try {
      const key = g.flowise.addKey('legacy');
      for (const name of ['x', 'y', 'z']) g.flowise.addChatflow(name, { apikeyid: key.id });
      const started = await g.api.rotation.start({ instanceId: g.instanceId, keyId: key.id });
      expect(started.status).toBe('waiting');
      expect(started.permissions).toBeUndefined();
      const { value } = await g.api.keys.reveal({ ticket: started.ticket ?? '' });
      const done = await g.api.rotation.revoke({ rotationId: started.id });
      expect(done.status).toBe('done');
      const fresh = replacements(g.flowise, started)[0];
      expect(fresh?.apiKey).toBe(value);
      expect(g.flowise.state.keys.has(key.id)).toBe(false);
      expect(deletesOf(g.flowise, key.id)).toBe(1);
      expectNoLockedOutFlow(g.flowise);
    } finally {
      await g.close();
    }
  });
});
