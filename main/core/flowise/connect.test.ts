import { describe, expect, it } from 'vitest';

import { testConnection } from '../instances/connection-report.js';
import { profileOf } from '../instances/instance-profiles.js';
import { createConnect } from './connect.js';
import { keyRow3 } from './testing/key-rows.js';
import { json, ScriptedHttp, text } from './testing/scripted-http.js';

const KEY = 'Kq3v9ZxL0pR7sT2uW5yB8nD1fH4jM6cE0gA3kN9qX2s';

function flowise(): ScriptedHttp {
  return new ScriptedHttp()
    .on('GET', '/api/v1/ping', text('pong'))
    .on('GET', '/api/v1/version', json(200, { version: '3.1.4' }))
    .on('GET', '/api/v1/settings', json(200, { PLATFORM_TYPE: 'open source' }))
    .on(
      'GET',
      '/api/v1/apikey',
      json(200, [keyRow3({ keyName: 'ops', apiKey: KEY, permissions: ['apikeys:view'] })]),
    );
}

describe('createConnect', () => {
  it('feeds the connection test with a real description', async () => {
    const http = flowise();
    const profile = {
      baseUrl: 'https://flowise.example.com',
      apiKey: KEY,
      timeoutMs: 3000,
      tls: { ca: 'PEM' },
    };
    const report = await testConnection(createConnect(http), profile, 42);
    expect(report).toMatchObject({
      ok: true,
      checkedAt: 42,
      version: '3.1.4',
      generation: '3.0.13+',
      keyName: 'ops',
      permissions: ['apikeys:view'],
      summary: 'Flowise 3.1.4, open source. This key holds 1 permission on 1 resource.',
    });
    expect(http.requests.every((r) => r.tls?.ca === 'PEM' && r.timeoutMs === 3000)).toBe(true);
  });

  it('refuses plain http off loopback unless the instance allows it', async () => {
    const http = flowise();
    const profile = { baseUrl: 'http://flowise.lan:3000', apiKey: KEY, timeoutMs: 3000 };
    const refused = await testConnection(createConnect(http), profile, 1);
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(refused.summary).toContain('plain http');
    expect(http.requests).toHaveLength(0);
    const allowed = await testConnection(
      createConnect(http),
      { ...profile, allowInsecureHttp: true },
      1,
    );
    expect(allowed.ok).toBe(true);
  });

  it("carries the instance's insecure-http choice into the profile", () => {
    const record = {
      baseUrl: 'http://flowise.lan:3000/',
      adminKey: KEY,
      timeoutMs: 5000,
      allowInsecureHttp: true,
    };
    expect(profileOf(record)).toEqual({
      baseUrl: 'http://flowise.lan:3000',
      apiKey: KEY,
      timeoutMs: 5000,
      tls: {},
      allowInsecureHttp: true,
    });
  });
});
