// keys.* and chatflows.* end to end through the core, against the fake Flowise.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ALL_KEY_PERMISSIONS } from '../fakes/fake-permissions.js';
import type { CoreFixture } from './core-fixture.js';
import { PASSWORD, settle, startCoreWithFlowise } from './core-fixture.js';

let f: CoreFixture;

beforeEach(async () => {
  f = await startCoreWithFlowise();
});
afterEach(async () => {
  await f.close();
});

const readOnly = ['chatflows:view', 'apikeys:view'];

describe('keys', () => {
  it('creates a key, reveals it exactly once, and lists it masked', async () => {
    const { api, instanceId } = f;
    const created = await api.keys.create({
      instanceId,
      keyName: 'deploy',
      permissions: readOnly,
    });
    expect(created.key).toMatchObject({
      keyName: 'deploy',
      createdHere: true,
      permissions: readOnly,
    });
    const { value } = await api.keys.reveal({ ticket: created.ticket });
    expect(value).toHaveLength(43);
    expect(created.key.masked).toBe(`••••${value.slice(-4)}`);
    await expect(api.keys.reveal({ ticket: created.ticket })).rejects.toMatchObject({
      code: 'not_found',
    });
    const list = await api.keys.list({ instanceId });
    expect(list.keys.map((k) => k.keyName).sort()).toEqual(['admin', 'deploy']);
    expect(JSON.stringify(list)).not.toContain(value);
  });

  it('refuses permissions the admin key does not hold, naming them', async () => {
    const { api, flowise } = f;
    const weak = flowise.addKey('weak-admin', ['apikeys:view', 'apikeys:create', 'chatflows:view']);
    const { id } = await api.instances.add({
      name: 'weak',
      baseUrl: flowise.url,
      adminKey: weak.apiKey,
    });
    await expect(
      api.keys.create({ instanceId: id, keyName: 'x', permissions: ['credentials:view'] }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('credentials:view'),
    });
    const catalog = await api.keys.permissions({ instanceId: id });
    expect(catalog.supported).toBe(true);
    expect(catalog.adminHeld.sort()).toEqual(['apikeys:create', 'apikeys:view', 'chatflows:view']);
    expect(catalog.groups.length).toBeGreaterThan(5);
  });

  it('copies through the clipboard guard, which clears after the timeout', async () => {
    const { api, instanceId, clock, clipboard } = f;
    const created = await api.keys.create({
      instanceId,
      keyName: 'c',
      permissions: readOnly,
    });
    const { value } = await api.keys.reveal({ ticket: created.ticket });
    const { clearsAt } = await api.keys.copy({ instanceId, keyId: created.key.id });
    expect(clearsAt).toBe(clock.now() + 30_000);
    expect(await clipboard.readText()).toBe(value);
    clock.advance(30_000);
    await settle();
    expect(await clipboard.readText()).toBe('');
  });

  it('asks for the master password again when the unlock is old', async () => {
    const { api, instanceId, clock } = f;
    const keyId = (await api.keys.list({ instanceId })).keys[0]?.id ?? '';
    await api.settings.update({ autoLockMinutes: 60, password: PASSWORD });
    clock.advance(16 * 60_000);
    await expect(api.keys.copy({ instanceId, keyId })).rejects.toMatchObject({
      code: 'reauth_required',
    });
    await expect(
      api.keys.copy({ instanceId, keyId, password: 'not the password' }),
    ).rejects.toMatchObject({ code: 'wrong_password' });
    await api.keys.copy({ instanceId, keyId, password: PASSWORD });
    await api.keys.copy({ instanceId, keyId });
  });

  it('renames, binds a flow, and refuses to delete a bound key without its name', async () => {
    const { api, instanceId, flowise } = f;
    const created = await api.keys.create({
      instanceId,
      keyName: 'b',
      permissions: readOnly,
    });
    const renamed = await api.keys.update({
      instanceId,
      keyId: created.key.id,
      keyName: 'b2',
    });
    expect(renamed).toMatchObject({ keyName: 'b2', permissions: readOnly });
    const flow = flowise.addChatflow('support bot');
    const bound = await api.chatflows.bind({
      instanceId,
      chatflowId: flow.id,
      keyId: created.key.id,
    });
    expect(bound).toMatchObject({ keyId: created.key.id, keyName: 'b2', type: 'AGENTFLOW' });
    const listed = (await api.keys.list({ instanceId })).keys.find((k) => k.keyName === 'b2');
    expect(listed?.boundFlows).toEqual([{ id: flow.id, name: 'support bot', type: 'AGENTFLOW' }]);
    await expect(api.keys.delete({ instanceId, keyId: created.key.id })).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    await api.keys.delete({ instanceId, keyId: created.key.id, confirmName: 'b2' });
    await expect(
      api.keys.delete({ instanceId, keyId: created.key.id, confirmName: 'b2' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses to bind a key that does not exist, and unbinds to public', async () => {
    const { api, instanceId, flowise } = f;
    const flow = flowise.addChatflow('open bot', { apikeyid: flowise.adminKeyId });
    await expect(
      api.chatflows.bind({ instanceId, chatflowId: flow.id, keyId: 'no-such-key' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const open = await api.chatflows.bind({ instanceId, chatflowId: flow.id, keyId: null });
    expect(open.keyId).toBeUndefined();
  });

  it('shows snippets with a placeholder and copies them with the key', async () => {
    const { api, instanceId, flowise, clipboard } = f;
    const flow = flowise.addChatflow('snippet bot', { apikeyid: flowise.adminKeyId });
    for (const language of ['curl', 'python', 'javascript'] as const) {
      const shown = await api.chatflows.snippet({
        instanceId,
        chatflowId: flow.id,
        language,
      });
      expect(shown.hasKey).toBe(true);
      expect(shown.code).toContain('<your API key>');
      expect(shown.code).not.toContain(flowise.adminKey);
      await api.chatflows.copySnippet({ instanceId, chatflowId: flow.id, language });
      expect(await clipboard.readText()).toContain(`Bearer ${flowise.adminKey}`);
    }
  });

  it('records a copy of API code as a copy of its key, naming the flow', async () => {
    const { api, instanceId, flowise } = f;
    const flow = flowise.addChatflow('snippet bot', { apikeyid: flowise.adminKeyId });
    await api.chatflows.copySnippet({ instanceId, chatflowId: flow.id, language: 'python' });
    const [record] = (await api.audit.list({})).records;
    expect(record).toMatchObject({
      action: 'key.copy',
      outcome: 'ok',
      instanceId,
      subject: { kind: 'key', id: flowise.adminKeyId, name: 'admin' },
      detail: 'in the Python code for the flow snippet bot',
    });
    expect(JSON.stringify(record)).not.toContain(flowise.adminKey);
  });

  it('records every change in a verifiable audit log, and never a value', async () => {
    const { api, instanceId, flowise, logger, events } = f;
    const created = await api.keys.create({
      instanceId,
      keyName: 'a',
      permissions: readOnly,
    });
    const { value } = await api.keys.reveal({ ticket: created.ticket });
    await api.keys.copy({ instanceId, keyId: created.key.id });
    await api.keys.update({ instanceId, keyId: created.key.id, keyName: 'a2' });
    await api.keys.delete({ instanceId, keyId: created.key.id });
    const page = api.audit.list({});
    const actions = (await page).records.map((r) => r.action).reverse();
    expect(actions).toEqual([
      'instance.add',
      'key.create',
      'key.reveal',
      'key.copy',
      'key.update',
      'key.delete',
    ]);
    expect(await api.audit.verify()).toMatchObject({ ok: true, count: 6 });
    const everything = JSON.stringify([await api.audit.export(), logger.lines, events.events]);
    expect(everything).not.toContain(value);
    expect(everything).not.toContain(flowise.adminKey);
  });

  it('lists every instance side by side, with an unreachable one carrying its error', async () => {
    const { api, flowise } = f;
    await api.instances.add({
      name: 'gone',
      baseUrl: 'http://127.0.0.1:9',
      adminKey: flowise.adminKey,
      timeoutMs: 2000,
    });
    const all = await api.keys.listAll();
    expect(all.instances.map((i) => [i.instanceName, i.error?.code])).toEqual([
      ['fake', undefined],
      ['gone', 'network'],
    ]);
    expect(ALL_KEY_PERMISSIONS.length).toBeGreaterThan(0);
  });
});
