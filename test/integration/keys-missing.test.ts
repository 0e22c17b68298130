// Keys the vault had seen that are gone from the server: 2.x keeps keys in api.json by default and
// can lose them on a restart or when two writes overlap. The Keys list says so, with the flows
// still bound to the lost key, and a key whose value the vault holds is put back as it was.
import { afterEach, describe, expect, it } from 'vitest';

import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';

let f: CoreFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

/** The key disappears from the server without the app's knowledge, as a lost api.json write does. */
function loseKey(fixture: CoreFixture, keyId: string): void {
  expect(fixture.flowise.state.keys.delete(keyId)).toBe(true);
}

describe('keys missing from a 2.x server with api.json storage', () => {
  it('reports a key seen before and gone now, since when, and the flows still bound to it', async () => {
    f = await startCoreWithFlowise({ generation: '2.0.6-3.0.0' });
    const { api, instanceId, flowise, clock } = f;
    const { key } = await api.keys.create({ instanceId, keyName: 'deploy', permissions: [] });
    flowise.addChatflow('Support bot', { apikeyid: key.id });
    expect((await api.keys.list({ instanceId })).missing ?? []).toEqual([]);

    loseKey(f, key.id);
    clock.advance(60_000);
    const lostAt = clock.now();
    const list = await api.keys.list({ instanceId });
    expect(list.keys.map((k) => k.id)).not.toContain(key.id);
    expect(list.missing).toHaveLength(1);
    const missing = list.missing?.[0];
    expect(missing).toMatchObject({
      id: key.id,
      keyName: 'deploy',
      fingerprint: key.fingerprint,
      missingSince: lostAt,
      restorable: true,
    });
    expect(missing?.boundFlows.map((b) => b.name)).toEqual(['Support bot']);
    expect(missing?.why).toMatch(/Flowise 2\.x.*api\.json.*restart/);

    // A later visit keeps the first date it was noticed missing.
    clock.advance(60_000);
    expect((await api.keys.list({ instanceId })).missing?.[0]?.missingSince).toBe(lostAt);
  });

  it('re-imports a lost key with its exact value, name and id, so its flows and callers work again', async () => {
    f = await startCoreWithFlowise({ generation: '2.0.6-3.0.0' });
    const { api, instanceId, flowise } = f;
    const { key } = await api.keys.create({ instanceId, keyName: 'deploy', permissions: [] });
    const value = flowise.state.keys.get(key.id)?.apiKey ?? '';
    flowise.addChatflow('Support bot', { apikeyid: key.id });
    await api.keys.list({ instanceId });
    loseKey(f, key.id);
    await api.keys.list({ instanceId });

    const restored = await api.keys.reimport({ instanceId, keyId: key.id });
    expect(restored).toMatchObject({ id: key.id, keyName: 'deploy', fingerprint: key.fingerprint });
    expect(flowise.state.keys.get(key.id)).toMatchObject({ keyName: 'deploy', apiKey: value });
    const list = await api.keys.list({ instanceId });
    expect(list.missing ?? []).toEqual([]);
    expect(list.keys.find((k) => k.id === key.id)?.boundFlows.map((b) => b.name)).toEqual([
      'Support bot',
    ]);
    const audit = await api.audit.list({ action: 'key.import' });
    expect(audit.records[0]).toMatchObject({
      outcome: 'ok',
      subject: { kind: 'key', name: 'deploy', fingerprint: key.fingerprint },
    });
    expect(JSON.stringify(audit)).not.toContain(value);
  });

  it('re-imports the old key of a rotation in grace from the rotation journal', async () => {
    f = await startCoreWithFlowise({ generation: '2.0.6-3.0.0' });
    const { api, instanceId, flowise } = f;
    const old = flowise.addKey('legacy', []);
    flowise.addChatflow('Sales bot', { apikeyid: old.id });
    await api.settings.update({ storeCreatedKeys: false });
    await api.keys.list({ instanceId });
    const rotation = await api.rotation.start({ instanceId, keyId: old.id });
    expect(rotation.status).toBe('waiting');
    loseKey(f, old.id);

    const missing = (await api.keys.list({ instanceId })).missing ?? [];
    expect(missing.map((m) => [m.keyName, m.restorable])).toEqual([['legacy', true]]);
    await api.keys.reimport({ instanceId, keyId: old.id });
    expect(flowise.state.keys.get(old.id)?.apiKey).toBe(old.apiKey);
  });

  it('says a lost key cannot be restored when the vault never held its value', async () => {
    f = await startCoreWithFlowise({ generation: '2.0.6-3.0.0' });
    const { api, instanceId, flowise } = f;
    const outside = flowise.addKey('made-in-flowise', []);
    await api.keys.list({ instanceId });
    loseKey(f, outside.id);
    const missing = (await api.keys.list({ instanceId })).missing?.[0];
    expect(missing).toMatchObject({ keyName: 'made-in-flowise', restorable: false });
    expect(missing?.restoreNote).toMatch(/never held its value/);
    await expect(api.keys.reimport({ instanceId, keyId: outside.id })).rejects.toMatchObject({
      code: 'precondition_failed',
    });
  });

  it('does not report a key deleted through the app', async () => {
    f = await startCoreWithFlowise({ generation: '2.0.6-3.0.0' });
    const { api, instanceId } = f;
    const { key } = await api.keys.create({ instanceId, keyName: 'deploy', permissions: [] });
    await api.keys.list({ instanceId });
    await api.keys.delete({ instanceId, keyId: key.id });
    expect((await api.keys.list({ instanceId })).missing ?? []).toEqual([]);
  });

  it('forgets a lost key on request, audited, and stops reporting it', async () => {
    f = await startCoreWithFlowise({ generation: '2.0.6-3.0.0' });
    const { api, instanceId } = f;
    const { key } = await api.keys.create({ instanceId, keyName: 'deploy', permissions: [] });
    await api.keys.list({ instanceId });
    loseKey(f, key.id);
    await api.keys.forgetMissing({ instanceId, keyId: key.id });
    expect((await api.keys.list({ instanceId })).missing ?? []).toEqual([]);
    const audit = await api.audit.list({ action: 'key.forget' });
    expect(audit.records[0]).toMatchObject({ outcome: 'ok', subject: { name: 'deploy' } });
  });
});

describe('keys missing from newer servers', () => {
  it('on 3.0.x re-imports with the same value and name, and moves the flows to the new id', async () => {
    f = await startCoreWithFlowise({ generation: '3.0.1-3.0.12' });
    const { api, instanceId, flowise } = f;
    const { key } = await api.keys.create({ instanceId, keyName: 'deploy', permissions: [] });
    const value = flowise.state.keys.get(key.id)?.apiKey ?? '';
    const flow = flowise.addChatflow('Support bot', { apikeyid: key.id });
    await api.keys.list({ instanceId });
    loseKey(f, key.id);
    const missing = (await api.keys.list({ instanceId })).missing?.[0];
    expect(missing?.why).not.toMatch(/api\.json/);

    const restored = await api.keys.reimport({ instanceId, keyId: key.id });
    expect(restored.keyName).toBe('deploy');
    expect(flowise.state.keys.get(restored.id)?.apiKey).toBe(value);
    expect(flowise.state.chatflows.get(flow.id)?.apikeyid).toBe(restored.id);
    expect((await api.keys.list({ instanceId })).missing ?? []).toEqual([]);
  });

  it('on 3.0.13 and newer says the key cannot be restored there, and why', async () => {
    f = await startCoreWithFlowise({ generation: '3.0.13+' });
    const { api, instanceId } = f;
    const { key } = await api.keys.create({
      instanceId,
      keyName: 'deploy',
      permissions: ['chatflows:view'],
    });
    await api.keys.list({ instanceId });
    loseKey(f, key.id);
    const missing = (await api.keys.list({ instanceId })).missing?.[0];
    expect(missing).toMatchObject({ keyName: 'deploy', restorable: false });
    expect(missing?.restoreNote).toMatch(/3\.0\.13.*cannot import/);
  });
});
