// A refresh reuses what the last report learnt (each flow's credential ids, each key's permission
// set) so it costs less than the first report: these prove it finds exactly what a fresh report
// finds, and that a changed flow is scanned again however small the change.
import { randomUUID } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Finding } from '../../common/ipc/schemas/overview.js';
import { ALL_KEY_PERMISSIONS } from '../fakes/fake-permissions.js';
import type { CoreFixture } from './core-fixture.js';
import { PASSWORD, startCoreWithFlowise } from './core-fixture.js';

let f: CoreFixture;

beforeEach(async () => {
  f = await startCoreWithFlowise({ seed: { keys: 12, chatflows: 24, credentials: 8 } });
});
afterEach(async () => {
  await f.close();
});

/** Flows naming credentials the ways flowData does: a node's credential, an input's
 * FLOWISE_CREDENTIAL_ID, and inside a JSON string within the JSON. */
function seedUsage(): void {
  const [a, b, c] = [...f.flowise.state.credentials.values()];
  if (a === undefined || b === undefined || c === undefined) throw new Error('no credentials');
  const flows = [
    { nodes: [{ data: { credential: a.id, inputs: {} } }] },
    { nodes: [{ data: { inputs: { llm: { FLOWISE_CREDENTIAL_ID: b.id.toUpperCase() } } } }] },
    { nodes: [{ data: { inputs: { config: JSON.stringify({ credentialId: c.id }) } } }] },
    { nodes: [{ data: { credential: a.id } }, { data: { credential: b.id } }] },
  ];
  for (const [i, flowData] of flows.entries())
    f.flowise.state.addChatflow({
      name: `uses-${String(i)}`,
      type: 'CHATFLOW',
      flowData: JSON.stringify(flowData),
    });
  f.flowise.addKey('everything', ALL_KEY_PERMISSIONS);
  f.flowise.addKey('mints keys', [
    'apikeys:view',
    'apikeys:create',
    'apikeys:update',
    'apikeys:delete',
    'chatflows:view',
  ]);
  f.flowise.addChatflow('locked out', { apikeyid: randomUUID() });
}

const byRule = (findings: readonly Finding[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const x of findings) counts[x.rule] = (counts[x.rule] ?? 0) + 1;
  return counts;
};

describe('overview refresh', () => {
  it('finds on a seeded instance exactly what a fresh report finds, refresh after refresh', async () => {
    seedUsage();
    const fresh = await f.api.overview.report({});
    expect(byRule(fresh.findings)).toEqual({
      'flow-public': 16,
      'flow-missing-key': 1,
      'key-broad': 14,
      'key-unused': 8,
      'admin-key-broad': 1,
      'credential-unused': 5,
    });
    for (let i = 0; i < 2; i += 1) {
      const again = await f.api.overview.report({ refresh: true });
      expect(again.findings).toEqual(fresh.findings);
    }
  });

  it('scans a changed flow again, even when its date and length stay the same', async () => {
    const [a, b] = [...f.flowise.state.credentials.values()];
    if (a === undefined || b === undefined) throw new Error('no credentials');
    const flow = f.flowise.state.addChatflow({
      name: 'switches',
      type: 'CHATFLOW',
      flowData: JSON.stringify({ nodes: [{ data: { credential: a.id } }] }),
    });
    const unused = async (): Promise<string[]> =>
      (await f.api.overview.report({ refresh: true })).findings
        .filter((x) => x.rule === 'credential-unused')
        .map((x) => x.subject.id);
    expect(await unused()).not.toContain(a.id);
    expect(await unused()).toContain(b.id);
    // Flowise dates changes to the second: an edit within it keeps updatedDate, and one id for
    // another keeps the length.
    flow.flowData = flow.flowData.replace(a.id, b.id);
    expect(await unused()).toContain(a.id);
    expect(await unused()).not.toContain(b.id);
  });

  it('asks each list again with its ETag, and finds the same on 304s as on whole answers', async () => {
    seedUsage();
    const fresh = await f.api.overview.report({});
    const from = f.flowise.log.length;
    const again = await f.api.overview.report({ refresh: true });
    expect(again.findings).toEqual(fresh.findings);
    const lists = f.flowise.log
      .slice(from)
      .filter((r) =>
        ['/api/v1/apikey', '/api/v1/chatflows', '/api/v1/credentials'].includes(r.url),
      );
    expect(lists).toHaveLength(3);
    for (const r of lists) expect(r.headers['if-none-match']).toMatch(/^W\/"/);
    // The permission catalog is read once per unlock, as the generation is.
    expect(f.flowise.log.slice(from).map((r) => r.url)).not.toContain(
      '/api/v1/auth/permissions/API_KEY',
    );
  });

  it('sees at once what changed behind unchanged lists: settings, the vault, the time', async () => {
    seedUsage();
    // Months pass below: the vault stays open through them.
    await f.api.settings.update({ autoLockMinutes: 0, password: PASSWORD });
    const rules = async (): Promise<Record<string, number>> =>
      byRule((await f.api.overview.report({ refresh: true })).findings);
    const before = await rules();
    expect(before['key-many-flows']).toBeUndefined();
    expect(before['key-old']).toBeUndefined();
    // Seeded keys each hold two flows: over a threshold of one, they are bound to many.
    await f.api.settings.update({ manyFlowsThreshold: 1 });
    expect((await rules())['key-many-flows']).toBeGreaterThan(0);
    await f.api.settings.update({ manyFlowsThreshold: 10 });
    const publicFlow = [...f.flowise.state.chatflows.values()].find((x) => x.apikeyid === null);
    if (publicFlow === undefined) throw new Error('no public flow');
    await f.api.chatflows.markPublic({ instanceId: f.instanceId, chatflowId: publicFlow.id });
    expect((await rules())['flow-public']).toBe((before['flow-public'] ?? 0) - 1);
    // 89 days on, no key is old yet; at 90 every one is, though no list changed.
    f.clock.advance(89 * 24 * 60 * 60_000);
    expect((await rules())['key-old']).toBeUndefined();
    f.clock.advance(24 * 60 * 60_000);
    const old = await rules();
    expect(old['key-old']).toBe(f.flowise.state.keys.size - 1);
    expect(old['admin-key-old']).toBe(1);
  });

  it('forgets every list and finding at a lock: the first report after it asks for them whole', async () => {
    await f.api.overview.report({});
    await f.api.vault.lock();
    await f.api.vault.unlock({ password: PASSWORD });
    const from = f.flowise.log.length;
    await f.api.overview.report({ refresh: true });
    const asked = f.flowise.log.slice(from);
    expect(asked.length).toBeGreaterThan(0);
    for (const r of asked) expect(r.headers['if-none-match']).toBeUndefined();
  });
});
