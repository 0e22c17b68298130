// fkv against the real Flowise npm test starts: keys listed, a key created (its value printed once,
// and never in the audit log), a key bound to two flows rotated with --yes and checked on the
// server (the old key refused, the flows on the new one). Every run's stdout and stderr is scanned
// for every key value, the admin key and the master password, but for the one documented reveal.
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, expect, inject, it } from 'vitest';

import { flowiseRest } from '../flowise/flowise-rest.js';
import { describeHits, scanForSecrets, SecretSet } from '../harness/secret-scan.js';
import type { VaultFolder } from './fkv-fixture.js';
import { makeVault, PASSWORD, runFkv, transcript } from './fkv-fixture.js';

const flowise = inject('flowise');
const rest = flowiseRest(flowise);
const unique = (what: string): string => `fkv-cli-${what}-${randomUUID().slice(0, 8)}`;
const perKey = /^3\.(0\.1[3-9]|[1-9])/.test(flowise.version);
const permissions = perKey ? ['--permission', 'chatflows:view'] : [];
const stdin = { input: `${PASSWORD}\n` };
const secrets = new SecretSet();
const cleanups: (() => Promise<unknown>)[] = [];
let vault: VaultFolder;

beforeAll(async () => {
  vault = await makeVault();
  await vault.api.instances.add({ name: 'real', baseUrl: flowise.url, adminKey: flowise.apiKey });
  vault.release();
  secrets.add(PASSWORD, 'master password');
  secrets.add(flowise.apiKey, 'admin key');
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await vault.close();
});

it(
  `lists and creates keys, the value printed once and never audited (Flowise ${flowise.version})`,
  { timeout: 120_000 },
  async () => {
    const made = await rest.createKey(unique('listed'));
    cleanups.push(() => rest.send('DELETE', `/apikey/${made.id}`));
    secrets.add(made.apiKey, 'API key value');
    const listed = await runFkv(
      vault.dir,
      ['keys', 'list', '--instance', 'real', '--json', '--password-stdin'],
      stdin,
    );
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((k) => k.id)).toContain(made.id);

    const name = unique('created');
    const created = await runFkv(
      vault.dir,
      ['keys', 'create', name, '--instance', 'real', ...permissions, '--password-stdin'],
      { ...stdin, reveal: true },
    );
    expect(created.code).toBe(0);
    const onServer = (await rest.listKeys()).find((k) => k.keyName === name);
    cleanups.push(() => rest.send('DELETE', `/apikey/${onServer?.id ?? ''}`));
    secrets.add(onServer?.apiKey, 'API key value');
    expect(created.stdout).toBe(`${onServer?.apiKey ?? 'missing'}\n`);
    const audit = await runFkv(vault.dir, ['audit', 'export', '--password-stdin'], stdin);
    expect(audit.stdout).toContain(name);
    expect(audit.stdout).not.toContain(onServer?.apiKey ?? 'missing');
  },
);

it(
  `rotates a key bound to two flows with --yes, checked on the server (Flowise ${flowise.version})`,
  { timeout: 120_000 },
  async () => {
    const old = await rest.createKey(unique('rotated'));
    cleanups.push(() => rest.send('DELETE', `/apikey/${old.id}`));
    secrets.add(old.apiKey, 'API key value');
    const flows: string[] = [];
    for (const i of [1, 2]) {
      const flow = await rest.createFlow(unique(`flow-${String(i)}`));
      cleanups.push(() => rest.send('DELETE', `/chatflows/${flow.id}`));
      await rest.bindFlow(flow.id, old.id);
      flows.push(flow.id);
    }
    const rotated = await runFkv(
      vault.dir,
      ['rotate', old.keyName, '--instance', 'real', '--yes', '--password-stdin'],
      stdin,
    );
    expect(rotated.stderr).toContain('2 flows to rebind');
    expect(rotated.code).toBe(0);
    const fresh = (await rest.listKeys()).find((k) => k.keyName === old.keyName);
    cleanups.push(() => rest.send('DELETE', `/apikey/${fresh?.id ?? ''}`));
    secrets.add(fresh?.apiKey, 'API key value');
    expect(fresh?.id).not.toBe(old.id);
    for (const id of flows) {
      const flow = await rest.call<{ apikeyid?: string }>('GET', `/chatflows/${id}`);
      expect(flow.apikeyid).toBe(fresh?.id);
      expect(await rest.predict(id, fresh?.apiKey ?? '')).toBe(200);
      expect(await rest.predict(id, old.apiKey)).not.toBe(200);
    }
    expect((await rest.send('GET', '/apikey', undefined, old.apiKey)).status).toBe(401);
  },
);

it('leaves no key value, admin key or password in any stdout or stderr but the one reveal', () => {
  expect(secrets.size).toBeGreaterThan(4);
  const hits = scanForSecrets(secrets, transcript);
  expect(hits, describeHits(hits, secrets.size)).toEqual([]);
});
