// A refresh reuses what the last report learnt (each flow's credential ids, each key's permission
// set) so it costs less than the first report: these prove it finds exactly what a fresh report
// finds, and that a changed flow is scanned again however small the change.
import { randomUUID } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Finding } from '../../common/ipc/schemas/overview.js';
import { ALL_KEY_PERMISSIONS } from '../fakes/fake-permissions.js';
import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';

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
});
