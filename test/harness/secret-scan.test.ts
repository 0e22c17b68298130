import { describe, expect, it } from 'vitest';

import type { HttpPort } from '../../main/core/ports.js';
import {
  apiKeysIn,
  describeHits,
  fingerprint,
  recordingHandler,
  recordingHttp,
  scanForSecrets,
  SecretSet,
  withoutRevealedValue,
} from './secret-scan.js';

const KEY = 'planted-Key_0123456789abcdefABCDEF';

const reply = (body: unknown): HttpPort => ({
  request: () => Promise.resolve({ status: 200, headers: {}, body: JSON.stringify(body) }),
});

describe('the secret scan', () => {
  it('finds a planted key value and names the place, never the value', () => {
    const secrets = new SecretSet();
    secrets.add(KEY, 'API key value from Flowise');
    const hits = scanForSecrets(secrets, [
      { where: 'harness log', text: '[{"message":"listed 3 keys"}]' },
      { where: 'DOM after the test', text: `<p title="x">${KEY}</p>` },
    ]);
    expect(hits).toEqual([
      {
        where: 'DOM after the test',
        kind: 'API key value from Flowise',
        fingerprint: fingerprint(KEY),
        length: KEY.length,
      },
    ]);
    const message = describeHits(hits, secrets.size);
    expect(message).toContain('DOM after the test');
    expect(message).toContain(fingerprint(KEY));
    expect(message).not.toContain(KEY);
  });

  it('finds secrets escaped by JSON or HTML', () => {
    const secrets = new SecretSet();
    secrets.add('pass "word" & <more>', 'password sent by the renderer');
    const hits = scanForSecrets(secrets, [
      { where: 'json', text: JSON.stringify({ a: 'pass "word" & <more>' }) },
      { where: 'html', text: '<input value="pass &quot;word&quot; &amp; &lt;more&gt;">' },
      { where: 'clean', text: 'nothing here' },
    ]);
    expect(hits.map((h) => h.where)).toEqual(['json', 'html']);
  });

  it('ignores values too short to be secrets', () => {
    const secrets = new SecretSet();
    secrets.add('short', 'password sent by the renderer');
    expect(secrets.size).toBe(0);
  });

  it('records key values Flowise answers and the bearer tokens sent to it', async () => {
    const secrets = new SecretSet();
    const http = recordingHttp(
      reply([{ id: '1', apiKey: KEY, nested: { apiKey: `${KEY}2` } }]),
      secrets,
    );
    await http.request({
      method: 'GET',
      url: 'http://127.0.0.1:1/api/v1/apikey',
      headers: { Authorization: 'Bearer admin-key-0123456789' },
      timeoutMs: 1000,
      maxBodyBytes: 1000,
    });
    expect([...secrets.byValue.keys()].sort()).toEqual(
      ['admin-key-0123456789', KEY, `${KEY}2`].sort(),
    );
    expect(apiKeysIn({ rows: [{ apiKey: 'a' }] })).toEqual(['a']);
  });

  it('records passwords and admin keys the renderer sends', async () => {
    const secrets = new SecretSet();
    const handler = recordingHandler(
      'instances.add',
      () => Promise.resolve({ ok: true, value: null }),
      secrets,
    );
    await handler([{ name: 'local', adminKey: 'typed-admin-key-123' }]);
    const change = recordingHandler(
      'vault.changePassword',
      () => Promise.resolve({ ok: true, value: null }),
      secrets,
    );
    await change([{ current: 'old password 123', next: 'new password 456' }]);
    expect([...secrets.byValue.keys()].sort()).toEqual(
      ['new password 456', 'old password 123', 'typed-admin-key-123'].sort(),
    );
  });

  it('allows a key value only as the answer to keys.reveal', () => {
    const secrets = new SecretSet();
    secrets.add(KEY, 'API key value from Flowise');
    const message = JSON.stringify({
      kind: 'result',
      id: 7,
      envelope: { ok: true, value: { value: KEY } },
    });
    const scan = (channel: string) =>
      scanForSecrets(secrets, [{ where: channel, text: withoutRevealedValue(channel, message) }]);
    expect(scan('keys.reveal')).toEqual([]);
    expect(scan('keys.list')).toHaveLength(1);
    const smuggled = JSON.stringify({
      kind: 'result',
      id: 8,
      envelope: { ok: true, value: { value: 'x', extra: KEY } },
    });
    expect(
      scanForSecrets(secrets, [
        { where: 'r', text: withoutRevealedValue('keys.reveal', smuggled) },
      ]),
    ).toHaveLength(1);
  });
});
