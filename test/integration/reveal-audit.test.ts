// The audit log records every reveal of a new key's value and every master-password change,
// through the core and its contract, against the fake Flowise.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CoreFixture } from './core-fixture.js';
import { PASSWORD, startCoreWithFlowise } from './core-fixture.js';
import { startRotationFixture } from './rotation-fixture.js';

let f: CoreFixture;

beforeEach(async () => {
  f = await startCoreWithFlowise();
});
afterEach(async () => {
  await f.close();
});

describe('audit of reveals and password changes', () => {
  it('the one-time reveal of a new key writes key.reveal, naming the key, never its value', async () => {
    const { api, instanceId } = f;
    const created = await api.keys.create({
      instanceId,
      keyName: 'deploy',
      permissions: ['chatflows:view'],
    });
    expect((await api.audit.list({ action: 'key.reveal' })).total).toBe(0);
    const { value } = await api.keys.reveal({ ticket: created.ticket });
    const page = await api.audit.list({ action: 'key.reveal' });
    expect(page.records).toHaveLength(1);
    expect(page.records[0]).toMatchObject({
      outcome: 'ok',
      instanceId,
      subject: { kind: 'key', name: 'deploy', fingerprint: created.key.fingerprint },
    });
    expect(JSON.stringify(page)).not.toContain(value);
  });

  it('a successful password change writes vault.password_changed, never the passwords', async () => {
    const next = 'another long enough password';
    await f.api.vault.changePassword({ current: PASSWORD, next });
    const page = await f.api.audit.list({ action: 'vault.password_changed' });
    expect(page.records.map((r) => r.outcome)).toEqual(['ok']);
    const exported = (await f.api.audit.export()).json;
    expect(exported).not.toContain(PASSWORD);
    expect(exported).not.toContain(next);
  });
});

describe('audit of a rotation in grace', () => {
  it('a second reveal of the new key writes key.reveal again, marked as shown again', async () => {
    const r = await startRotationFixture();
    try {
      const old = r.flowise.addKey('deploy', ['chatflows:view']);
      const started = await r.api.rotation.start({ instanceId: r.instanceId, keyId: old.id });
      const again = await r.api.rotation.reveal({ rotationId: started.id });
      await r.api.keys.reveal({ ticket: again.ticket ?? '' });
      const page = await r.api.audit.list({ action: 'key.reveal' });
      expect(page.records[0]).toMatchObject({
        instanceId: r.instanceId,
        subject: { name: started.newKeyName },
        detail: 'shown again while its rotation waits in grace',
      });
    } finally {
      await r.close();
    }
  });
});
