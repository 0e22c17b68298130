// Certificate pinning through the real core and real https servers on loopback, each with its own
// self-signed certificate. What a server received is read from its own request log.
import { X509Certificate } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { isAppError } from '../../common/errors.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import type { CoreFixture } from './core-fixture.js';
import { PASSWORD, startCoreWithFlowise } from './core-fixture.js';

let f: CoreFixture;
let second: FakeFlowise;

beforeEach(async () => {
  f = await startCoreWithFlowise({ tls: true });
  second = await startFakeFlowise({ tls: true });
});
afterEach(async () => {
  await second.close();
  await f.close();
});

const sha256Of = (server: FakeFlowise): string =>
  new X509Certificate(server.certificate ?? '').fingerprint256;

async function pinFirst(): Promise<string> {
  const { api, instanceId } = f;
  const untrusted = await api.instances.test(instanceId);
  expect(untrusted).toMatchObject({
    ok: false,
    error: { code: 'tls' },
    certificate: { problem: 'untrusted', presented: { sha256: sha256Of(f.flowise) } },
  });
  const sha256 = untrusted.certificate?.presented.sha256 ?? '';
  const pinned = await api.instances.pinCertificate(instanceId, { sha256, password: PASSWORD });
  expect(pinned.certificatePin?.sha256).toBe(sha256);
  expect(await api.instances.test(instanceId)).toMatchObject({ ok: true, version: '3.1.4' });
  return sha256;
}

describe('certificate pinning', () => {
  it('a pinned certificate is checked before any header: a server with another certificate gets no request and never the admin key', async () => {
    const { api, instanceId } = f;
    const first = await pinFirst();
    // The person confirms the move, so only the pin stands between the key and the new server.
    await api.instances.update(instanceId, { baseUrl: second.url }, { password: PASSWORD });

    const report = await api.instances.test(instanceId);
    expect(report).toMatchObject({
      ok: false,
      error: { code: 'tls', details: { reason: 'CERT_PIN_MISMATCH' } },
      certificate: { problem: 'changed', pinned: first, presented: { sha256: sha256Of(second) } },
    });
    expect(report.summary).toContain(first);
    expect(report.summary).toContain(sha256Of(second));
    const listed = await api.keys.list({ instanceId }).catch((error: unknown) => error);
    expect(isAppError(listed, 'tls')).toBe(true);

    // Server side: no HTTP request at all reached the second server, so no Authorization header.
    expect(second.log.map((r) => r.headers.authorization)).toEqual([]);
    expect(second.log).toEqual([]);
    expect(JSON.stringify(report)).not.toContain(f.flowise.adminKey);
  });

  it('re-pinning needs the master password and the very fingerprint the person saw, and is audited', async () => {
    const { api, instanceId } = f;
    const first = await pinFirst();
    await api.instances.update(instanceId, { baseUrl: second.url }, { password: PASSWORD });
    const presented = sha256Of(second);

    await expect(
      api.instances.pinCertificate(instanceId, { sha256: first, password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(presented) });
    await expect(
      api.instances.pinCertificate(instanceId, { sha256: presented, password: 'not it at all' }),
    ).rejects.toMatchObject({ code: 'wrong_password' });
    expect(second.log).toEqual([]);

    const repinned = await api.instances.pinCertificate(instanceId, {
      sha256: presented,
      password: PASSWORD,
    });
    expect(repinned.certificatePin?.sha256).toBe(presented);
    // Past the pin now: this server answers for itself (it does not know the first one's key).
    expect(await api.instances.test(instanceId)).toMatchObject({ error: { code: 'unauthorized' } });

    const pins = (await api.audit.list({ action: 'instance.pin' })).records;
    expect(pins.map((r) => [r.outcome, r.detail])).toEqual([
      ['ok', `pinned ${presented} (was ${first})`],
      ['failed', `asked to pin ${presented} (was ${first}); refused: wrong_password`],
      ['failed', `asked to pin ${first} (was ${first}); refused: conflict`],
      ['ok', `pinned ${first} (was none)`],
    ]);
  });

  it('a certificate confirmed in the add form is pinned with the new instance', async () => {
    const { api } = f;
    const draft = { name: 'second', baseUrl: second.url, adminKey: second.adminKey };
    const untrusted = await api.instances.testDraft(draft);
    expect(untrusted.certificate?.problem).toBe('untrusted');
    const certificatePin = untrusted.certificate?.presented;
    expect(certificatePin?.sha256).toBe(sha256Of(second));
    if (certificatePin === undefined) return;
    expect(await api.instances.testDraft({ ...draft, certificatePin })).toMatchObject({ ok: true });
    const added = await api.instances.add({ ...draft, certificatePin });
    expect(added.certificatePin).toMatchObject({ ...certificatePin, pinnedAt: expect.any(Number) });
    expect(await api.instances.test(added.id)).toMatchObject({ ok: true });
  });
});
