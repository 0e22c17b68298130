// overview.* end to end through the core, against the fake Flowise.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CoreFixture } from './core-fixture.js';
import { PASSWORD, startCoreWithFlowise } from './core-fixture.js';

let f: CoreFixture;

beforeEach(async () => {
  f = await startCoreWithFlowise();
});
afterEach(async () => {
  await f.close();
});

const progressEvents = (): unknown[] =>
  f.events.events.filter((e) => e.event === 'overview.progress').map((e) => e.payload);

describe('overview', () => {
  it('reports a public flow and an unused key of the instance, with per-instance progress', async () => {
    const { api, flowise, instanceId } = f;
    const flow = flowise.addChatflow('open door', { apikeyid: null, type: 'CHATFLOW' });
    const spare = flowise.addKey('spare', ['chatflows:view']);
    const report = await api.overview.report({});
    expect(report.instances).toEqual([
      expect.objectContaining({ instanceId, name: 'fake', state: 'ok' }),
    ]);
    const ids = report.findings.map((x) => x.id);
    expect(ids).toContain(`flow-public:${instanceId}:${flow.id}`);
    expect(ids).toContain(`key-unused:${instanceId}:${spare.id}`);
    expect(progressEvents()).toEqual([
      expect.objectContaining({
        generatedAt: report.generatedAt,
        done: 1,
        total: 1,
        instance: expect.objectContaining({ instanceId, state: 'ok' }),
      }),
    ]);
  });

  it('reports neither a key the app copied nor the admin key as unused', async () => {
    const { api, flowise, instanceId } = f;
    const spare = flowise.addKey('spare', ['chatflows:view']);
    const copied = flowise.addKey('copied', ['chatflows:view']);
    await api.keys.copy({ instanceId, keyId: copied.id });
    const report = await api.overview.report({ refresh: true });
    expect(report.findings.filter((x) => x.rule === 'key-unused').map((x) => x.id)).toEqual([
      `key-unused:${instanceId}:${spare.id}`,
    ]);
  });

  it('leaves out a flow marked public on purpose', async () => {
    const { api, flowise, instanceId } = f;
    const flow = flowise.addChatflow('open door', { apikeyid: null, type: 'CHATFLOW' });
    await api.chatflows.markPublic({ instanceId, chatflowId: flow.id });
    const report = await api.overview.report({ refresh: true });
    expect(report.findings.filter((x) => x.rule === 'flow-public')).toEqual([]);
  });

  it('reports a credential no flow names, and not one a flow uses', async () => {
    const { api, flowise, instanceId } = f;
    const used = flowise.state.addCredential('used', 'openAIApi', { openAIApiKey: 'sk-used-1234' });
    const stale = flowise.state.addCredential('stale', 'openAIApi', {
      openAIApiKey: 'sk-stale-1234',
    });
    const node = { data: { credential: used.id, inputs: {} } };
    flowise.state.addChatflow({ name: 'uses it', flowData: JSON.stringify({ nodes: [node] }) });
    const report = await api.overview.report({ refresh: true });
    expect(report.findings.filter((x) => x.rule === 'credential-unused').map((x) => x.id)).toEqual([
      `credential-unused:${instanceId}:${stale.id}`,
    ]);
  });

  it('keeps the report until a refresh, and forgets it when the vault locks', async () => {
    const { api, flowise } = f;
    const first = await api.overview.report({});
    const requests = flowise.log.length;
    expect(await api.overview.report({})).toEqual(first);
    expect(flowise.log.length).toBe(requests);
    await api.overview.report({ refresh: true });
    expect(flowise.log.length).toBeGreaterThan(requests);
    await api.vault.lock();
    await api.vault.unlock({ password: PASSWORD });
    const after = flowise.log.length;
    await api.overview.report({});
    expect(flowise.log.length).toBeGreaterThan(after);
  });

  it('reports an instance that refuses its admin key as unauthorised, beside the others', async () => {
    const { api, flowise } = f;
    const doomed = flowise.addKey('doomed', ['chatflows:view', 'apikeys:view']);
    const { id } = await api.instances.add({
      name: 'refused',
      baseUrl: flowise.url,
      adminKey: doomed.apiKey,
    });
    flowise.state.keys.delete(doomed.id);
    const report = await api.overview.report({ refresh: true });
    expect(report.instances.map((i) => [i.name, i.state])).toEqual([
      ['fake', 'ok'],
      ['refused', 'unauthorised'],
    ]);
    expect(report.findings.map((x) => x.id)).toContain(`instance-unauthorised:${id}:${id}`);
  });

  it('exports the report as Markdown, JSON and CSV', async () => {
    const { api } = f;
    for (const [format, extension] of [
      ['markdown', 'md'],
      ['json', 'json'],
      ['csv', 'csv'],
    ] as const) {
      const file = await api.overview.export({ format });
      expect(file.fileName).toMatch(new RegExp(`^flowise-key-vault-overview-.+\\.${extension}$`));
      expect(file.text).toContain('admin');
    }
  });

  it('exports hold no key value and no credential secret in any format', async () => {
    const { api, flowise, instanceId } = f;
    const secrets = [flowise.adminKey];
    for (let i = 0; i < 3; i += 1) {
      const key = flowise.addKey(`key ${String(i)}`, ['chatflows:view']);
      secrets.push(key.apiKey);
      flowise.addChatflow(`flow ${String(i)}`, { apikeyid: i === 0 ? key.id : null });
      const secret = `sk-seeded-secret-${String(i)}-${'x'.repeat(20)}`;
      flowise.state.addCredential(`credential ${String(i)}`, 'openAIApi', { openAIApiKey: secret });
      secrets.push(secret);
    }
    const created = await api.keys.create({
      instanceId,
      keyName: 'made here',
      permissions: ['chatflows:view'],
    });
    secrets.push((await api.keys.reveal({ ticket: created.ticket })).value);
    const report = await api.overview.report({ refresh: true });
    expect(report.findings.map((x) => x.rule)).toEqual(
      expect.arrayContaining(['flow-public', 'key-unused', 'credential-unused']),
    );
    const texts = [JSON.stringify(report), JSON.stringify(progressEvents())];
    for (const format of ['markdown', 'json', 'csv'] as const)
      texts.push((await api.overview.export({ format })).text);
    for (const text of texts)
      for (const secret of secrets)
        expect(text.includes(secret), 'a secret in the export').toBe(false);
  });
});
