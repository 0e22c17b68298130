import { describe, expect, it } from 'vitest';

import { isAppError } from '../../../common/errors.js';
import { createConnect } from '../flowise/connect.js';
import { json, ScriptedHttp } from '../flowise/testing/scripted-http.js';
import { FakeClock } from '../testing/fake-clock.js';
import type { Probe } from './connection-report.js';
import type { InstanceSection, InstanceStore } from './instance-store.js';
import { InstanceRecord } from './instance-store.js';
import { trustChanges } from './instance-trust.js';
import { createInstanceProfiles, profileOf } from './instance-profiles.js';

const KEY = 'Kq3v9ZxL0pR7sT2uW5yB8nD1fH4jM6cE0gA3kN9qX2s';
const SHA = Array.from({ length: 32 }, () => 'AB').join(':');
const ID = '7b0c7c1e-2f7e-4a57-9a57-6a1f0c6f9d11';

/** A profile as the vault held it before pinning existed. */
const OLD_PROFILE = {
  id: ID,
  name: 'lab',
  baseUrl: 'https://flowise.lab:8443',
  adminKey: KEY,
  allowSelfSigned: true,
  allowInsecureHttp: false,
  timeoutMs: 5000,
  colour: '#4f6bed',
  createdAt: 1,
  updatedAt: 1,
};

function memoryStore(section: InstanceSection): InstanceStore {
  let current = section;
  return {
    read: () => current,
    update: async (change) => {
      current = change(current);
      await Promise.resolve();
    },
    get: (id) => {
      const found = current.instances.find((i) => i.id === id);
      if (found === undefined) throw new Error('missing');
      return found;
    },
  };
}

describe('profiles saved under "allow self-signed certificate"', () => {
  it('an old profile that accepted any certificate has no pin and sends nothing until the person confirms one', async () => {
    const record = InstanceRecord.parse(OLD_PROFILE);
    expect(record).not.toHaveProperty('allowSelfSigned');
    expect(record.certificateUnconfirmed).toBe(true);
    let refused: unknown;
    try {
      profileOf(record);
    } catch (error) {
      refused = error;
    }
    expect(isAppError(refused, 'tls')).toBe(true);
    expect((refused as Error).message).toContain("Confirm this server's certificate");

    const http = new ScriptedHttp().on('GET', '/api/v1/ping', json(200, {}));
    const probed: string[] = [];
    const probe: Probe = (target) => {
      probed.push(target.url);
      return Promise.resolve({
        trusted: false,
        reason: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        certificate: {
          sha256: SHA,
          subject: 'CN=lab',
          issuer: 'CN=lab',
          validFrom: 'a',
          validTo: 'b',
        },
      });
    };
    const service = createInstanceProfiles(
      memoryStore({ instances: [record] }),
      createConnect(http),
      new FakeClock(10),
      { probe, verifyPassword: () => Promise.resolve() },
    );
    const report = await service.test(ID);
    expect(report).toMatchObject({
      ok: false,
      error: { code: 'tls', details: { reason: 'CERT_UNCONFIRMED' } },
      certificate: { problem: 'unconfirmed', presented: { sha256: SHA } },
    });
    expect(http.requests).toEqual([]);
    expect(probed).toEqual(['https://flowise.lab:8443']);
    expect((await service.list()).instances[0]).toMatchObject({ certificateUnconfirmed: true });
  });

  it('an old profile without the switch turned on reads as an ordinary one', () => {
    const record = InstanceRecord.parse({ ...OLD_PROFILE, allowSelfSigned: false });
    expect(record.certificateUnconfirmed).toBeUndefined();
    expect(profileOf(record).tls).toEqual({});
  });
});

describe('trustChanges', () => {
  const base = { baseUrl: 'https://a.example', allowInsecureHttp: false };
  it('names a new origin, CA, pin or plain-HTTP setting, but not a new path on the same origin', () => {
    expect(trustChanges(base, { ...base, baseUrl: 'https://a.example/flowise' })).toEqual([]);
    expect(trustChanges(base, { ...base, baseUrl: 'https://a.example:444' })).toEqual(['address']);
    expect(trustChanges(base, { ...base, baseUrl: 'http://a.example' })).toEqual(['address']);
    expect(
      trustChanges(base, {
        ...base,
        caCertPem: 'PEM',
        certificatePin: {
          sha256: SHA,
          subject: '',
          issuer: '',
          validFrom: '',
          validTo: '',
          pinnedAt: 1,
        },
        allowInsecureHttp: true,
      }),
    ).toEqual(['custom CA certificate', 'pinned certificate', 'plain HTTP setting']);
  });
});
