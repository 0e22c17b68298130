// The fake rotation plays main's step order and guards on the fake keys and chatflows.
import { describe, expect, it } from 'vitest';

import type { RotationView } from '../../common/ipc/schemas/rotation.js';
import { createFakeApi } from './fake-api.js';

const VALUE = 'fkv-existing-key-VALUE-0123456789abcdef';

function setup() {
  const fake = createFakeApi({
    state: 'unlocked',
    password: 'pw',
    instances: [{ name: 'Prod', baseUrl: 'https://prod.example.com', adminKey: 'a'.repeat(40) }],
  });
  const instanceId = fake.instances.snapshot().instances[0]?.id ?? '';
  const key = fake.keys.seedKey(instanceId, 'deploy', VALUE);
  for (const name of ['a', 'b']) fake.keys.seedChatflow(instanceId, name, key.id);
  const progress: RotationView[] = [];
  fake.api.on('rotation.progress', (view) => progress.push(view));
  return { fake, instanceId, key, progress };
}

describe('fake rotation', () => {
  it('runs to grace with a one-time ticket, then revokes the old key', async () => {
    const { fake, instanceId, key, progress } = setup();
    const plan = await fake.api.rotation.plan({ instanceId, keyId: key.id });
    expect(plan.flows.map((f) => f.name)).toEqual(['a', 'b']);
    const started = await fake.api.rotation.start({ instanceId, keyId: key.id });
    expect(started).toMatchObject({ status: 'waiting', reached: 'reveal', canRevoke: true });
    const { value } = await fake.api.keys.reveal({ ticket: started.ticket ?? '' });
    expect(value).not.toBe(VALUE);
    await expect(fake.api.keys.reveal({ ticket: started.ticket ?? '' })).rejects.toMatchObject({
      code: 'not_found',
    });
    const done = await fake.api.rotation.revoke({ rotationId: started.id });
    expect(done).toMatchObject({ status: 'done', unfinished: false });
    const keys = (await fake.api.keys.list({ instanceId })).keys;
    expect(keys.map((k) => k.keyName)).toEqual([started.newKeyName]);
    expect(keys[0]?.boundFlows.map((f) => f.name)).toEqual(['a', 'b']);
    expect(progress.every((p) => p.ticket === undefined)).toBe(true);
  });

  it("rotates the instance's admin key: the stored key switches after verify, back on rollback", async () => {
    const { fake, instanceId } = setup();
    const adminValue = 'a'.repeat(40);
    const admin = fake.keys.seedKey(instanceId, 'vault-admin', adminValue);
    const plan = await fake.api.rotation.plan({ instanceId, keyId: admin.id });
    expect(plan.admin).toBe(true);
    const started = await fake.api.rotation.start({ instanceId, keyId: admin.id });
    expect(started.admin).toBe(true);
    expect(started.steps.find((s) => s.step === 'switch')?.state).toBe('done');
    const { value } = await fake.api.keys.reveal({ ticket: started.ticket ?? '' });
    expect(fake.instances.adminKeyOf(instanceId)).toBe(value);
    const back = await fake.api.rotation.rollback({ rotationId: started.id });
    expect(back.status).toBe('rolled_back');
    expect(fake.instances.adminKeyOf(instanceId)).toBe(adminValue);

    const again = await fake.api.rotation.start({ instanceId, keyId: admin.id });
    const fresh = await fake.api.keys.reveal({ ticket: again.ticket ?? '' });
    await fake.api.rotation.revoke({ rotationId: again.id });
    expect(fake.instances.adminKeyOf(instanceId)).toBe(fresh.value);
  });

  it('skips the admin switch for any other key', async () => {
    const { fake, instanceId, key } = setup();
    const started = await fake.api.rotation.start({ instanceId, keyId: key.id });
    expect(started.admin).toBeUndefined();
    expect(started.steps.find((s) => s.step === 'switch')?.state).toBe('skipped');
    expect(fake.instances.adminKeyOf(instanceId)).toBe('a'.repeat(40));
  });

  it('fails a scripted step, then resumes or rolls back', async () => {
    const { fake, instanceId, key } = setup();
    fake.rotation.failStep('rebind', { code: 'server_error', message: 'boom' });
    const failed = await fake.api.rotation.start({ instanceId, keyId: key.id });
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'rebind', canRollback: true });
    const back = await fake.api.rotation.rollback({ rotationId: failed.id });
    expect(back.status).toBe('rolled_back');
    const keys = (await fake.api.keys.list({ instanceId })).keys;
    expect(keys.map((k) => k.keyName)).toEqual(['deploy']);
    expect((await fake.api.rotation.list()).rotations[0]?.unfinished).toBe(false);
  });
});
