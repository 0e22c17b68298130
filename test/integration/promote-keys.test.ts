// promote.keyPlan and promote.key between two fake Flowise servers: on 3.0.13+ a key of the same
// name and permissions with a new value, revealed once; on 2.0.2 to 3.0.12 the exact value carried
// through the import route; each audited with both instances named, the value never in an answer
// but the one-time reveal.
import { afterEach, describe, expect, it } from 'vitest';

import type { PromoteFixture } from './promote-fixture.js';
import { startPromoteFixture } from './promote-fixture.js';

let f: PromoteFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const PERMISSIONS = ['chatflows:view', 'credentials:view'];

describe('promote.key', () => {
  it('makes a key of the same name and permissions on a 3.0.13+ target, with a new value revealed once, in one audit record naming both instances', async () => {
    f = await startPromoteFixture();
    const source = f.flowise.addKey('deploy-bot', PERMISSIONS);
    const ref = { fromInstanceId: f.instanceId, toInstanceId: f.targetId, keyId: source.id };
    const plan = await f.promote.keyPlan(ref);
    expect(plan).toMatchObject({
      keyName: 'deploy-bot',
      permissions: PERMISSIONS,
      targetHasPermissions: true,
      targetAdminLacks: [],
      sameNameOnTarget: 0,
    });
    expect(plan.modes.find((m) => m.mode === 'same-value')).toMatchObject({ possible: false });
    expect(plan.modes.find((m) => m.mode === 'same-value')?.note).toContain('3.0.13 or newer');

    const promoted = await f.promote.key({ ...ref, mode: 'new-value' });
    const made = [...f.target.state.keys.values()].find((k) => k.keyName === 'deploy-bot');
    expect(made?.permissions).toEqual(PERMISSIONS);
    expect(made?.apiKey).not.toBe(source.apiKey);
    expect(promoted.ticket).toBeDefined();
    const { value } = await f.api.keys.reveal({ ticket: promoted.ticket ?? '' });
    expect(value).toBe(made?.apiKey);
    await expect(f.api.keys.reveal({ ticket: promoted.ticket ?? '' })).rejects.toThrow();

    // One record for the one thing the person did: no separate "key created" beside it.
    expect(f.auditOf('key.create')).toEqual([]);
    const promotions = f.auditOf('key.promote');
    expect(promotions).toHaveLength(1);
    const [record] = promotions;
    expect(record).toMatchObject({
      outcome: 'ok',
      instanceName: 'prod',
      subject: { kind: 'key', name: 'deploy-bot', id: made?.id },
    });
    expect(record?.detail).toMatch(
      /made again from "dev" \(.+\) to "prod" \(.+\) with a new value/,
    );
    f.expectNowhere([source.apiKey, made?.apiKey ?? '']);
  });

  it('carries the exact value to a 3.0.12 target through the import route', async () => {
    f = await startPromoteFixture({}, { generation: '3.0.1-3.0.12' });
    const source = f.flowise.addKey('deploy-bot', PERMISSIONS);
    const ref = { fromInstanceId: f.instanceId, toInstanceId: f.targetId, keyId: source.id };
    const plan = await f.promote.keyPlan(ref);
    expect(plan.targetHasPermissions).toBe(false);
    expect(plan.modes.find((m) => m.mode === 'same-value')).toMatchObject({ possible: true });

    const promoted = await f.promote.key({ ...ref, mode: 'same-value' });
    expect(promoted.ticket).toBeUndefined();
    const made = [...f.target.state.keys.values()].find((k) => k.keyName === 'deploy-bot');
    expect(made?.apiKey).toBe(source.apiKey);
    expect(promoted.key.fingerprint).not.toBe('');
    expect(f.auditOf('key.promote')[0]?.detail).toContain('with its exact value');
    f.expectNowhere([source.apiKey]);
  });

  it('refuses to import a second key of the same name, as the import route would', async () => {
    f = await startPromoteFixture({}, { generation: '2.0.6-3.0.0', apiKeyStorage: 'db' });
    const source = f.flowise.addKey('deploy-bot', PERMISSIONS);
    f.target.addKey('deploy-bot');
    const ref = { fromInstanceId: f.instanceId, toInstanceId: f.targetId, keyId: source.id };
    const plan = await f.promote.keyPlan(ref);
    expect(plan.sameNameOnTarget).toBe(1);
    expect(plan.modes.find((m) => m.mode === 'same-value')).toMatchObject({ possible: false });
    await expect(f.promote.key({ ...ref, mode: 'same-value' })).rejects.toThrow(/already exists/);
    expect(f.auditOf('key.promote')[0]).toMatchObject({ outcome: 'failed', instanceName: 'prod' });
  });
});
