// An edit that points the saved admin key somewhere new (another address, another trust setting)
// needs the key typed again or the master password, in main, before any request. What the other
// server received is read from its own request log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import type { CoreFixture } from './core-fixture.js';
import { PASSWORD, startCoreWithFlowise } from './core-fixture.js';

let f: CoreFixture;
let other: FakeFlowise;

beforeEach(async () => {
  f = await startCoreWithFlowise();
  other = await startFakeFlowise();
});
afterEach(async () => {
  await other.close();
  await f.close();
});

const authorizations = (server: FakeFlowise) => server.log.map((r) => r.headers.authorization);

describe('an edited address does not carry the saved admin key', () => {
  it('testing an edit to another address sends the saved key nowhere without the master password', async () => {
    const { api, instanceId } = f;
    await expect(api.instances.testEdit(instanceId, { baseUrl: other.url })).rejects.toMatchObject({
      code: 'reauth_required',
      message: expect.stringContaining('address changed'),
    });
    await expect(
      api.instances.testEdit(instanceId, { baseUrl: other.url }, { password: 'wrong password!' }),
    ).rejects.toMatchObject({ code: 'wrong_password' });
    // Server side: nothing reached the new address, so no Authorization header either.
    expect(authorizations(other)).toEqual([]);
    expect(other.log).toEqual([]);

    // A key typed with the edit is the one that goes, and only it.
    const typed = await api.instances.testEdit(instanceId, {
      baseUrl: other.url,
      adminKey: other.adminKey,
    });
    expect(typed.ok).toBe(true);
    expect(new Set(authorizations(other))).toEqual(new Set([`Bearer ${other.adminKey}`]));
  });

  it('saving an edit to another address keeps the old one unless the master password confirms it', async () => {
    const { api, instanceId, flowise } = f;
    await expect(api.instances.update(instanceId, { baseUrl: other.url })).rejects.toMatchObject({
      code: 'reauth_required',
    });
    expect((await api.instances.list()).instances[0]?.baseUrl).toBe(flowise.url);
    await api.instances.test(instanceId);
    expect(other.log).toEqual([]);

    await api.instances.update(instanceId, { baseUrl: other.url }, { password: PASSWORD });
    expect((await api.instances.list()).instances[0]?.baseUrl).toBe(other.url);
  });

  it('a changed CA certificate or plain-HTTP setting needs the same confirmation; a rename does not', async () => {
    const { api, instanceId } = f;
    await api.instances.update(instanceId, { name: 'renamed' });
    await expect(
      api.instances.update(instanceId, { allowInsecureHttp: true }),
    ).rejects.toMatchObject({
      code: 'reauth_required',
      message: expect.stringContaining('plain HTTP'),
    });
    const pem = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    await expect(api.instances.testEdit(instanceId, { caCertPem: pem })).rejects.toMatchObject({
      code: 'reauth_required',
      message: expect.stringContaining('custom CA certificate'),
    });
  });

  it('every edit and connection test is audited, refusals included, with no secret in them', async () => {
    const { api, instanceId, flowise } = f;
    await api.instances.test(instanceId);
    await api.instances.testEdit(instanceId, { baseUrl: other.url }).catch(() => undefined);
    await api.instances.testDraft({ name: 'draft', baseUrl: other.url, adminKey: 'd'.repeat(43) });
    await api.instances.update(instanceId, { baseUrl: other.url }).catch(() => undefined);
    await api.instances.update(instanceId, { baseUrl: other.url }, { password: PASSWORD });
    const records = (await api.audit.list({})).records.reverse().slice(1);
    const origin = new URL(other.url).origin;
    expect(records.map((r) => [r.action, r.outcome, r.detail])).toEqual([
      ['instance.test', 'ok', `saved profile at ${new URL(flowise.url).origin}; Flowise 3.1.4`],
      [
        'instance.test',
        'failed',
        `edit (address ${origin}) at ${origin}; refused: reauth_required`,
      ],
      ['instance.test', 'failed', `new instance at ${origin}; failed: unauthorized`],
      ['instance.update', 'failed', `address ${origin}; refused: reauth_required`],
      ['instance.update', 'ok', `address ${origin}, confirmed with the master password`],
    ]);
    const text = JSON.stringify(records);
    for (const secret of [flowise.adminKey, 'd'.repeat(43), PASSWORD])
      expect(text).not.toContain(secret);
  });
});
