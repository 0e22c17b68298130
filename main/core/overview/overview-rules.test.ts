// Every Overview rule at its boundary, on a healthy snapshot changed one field at a time.
import { describe, expect, it } from 'vitest';

import type { OverviewRule } from '../../../common/ipc/schemas/overview.js';
import { OverviewRule as OverviewRuleSchema } from '../../../common/ipc/schemas/overview.js';
import { findingsOf } from './overview-findings.js';
import { CERT_WARNING_DAYS, DAY_MS, RULES } from './overview-rules.js';
import type { InstanceSnapshot } from './overview-snapshot.js';
import {
  CATALOG,
  credential,
  flow,
  healthy,
  INSTANCE_ID,
  key,
  NOW,
  rotation,
} from './testing/snapshots.js';

/** The subject ids the rule reports on this snapshot. */
function hits(rule: OverviewRule, snapshot: InstanceSnapshot): string[] {
  return findingsOf(snapshot)
    .filter((f) => f.rule === rule)
    .map((f) => f.subject.id);
}

const flows = (n: number, apikeyid: string) =>
  Array.from({ length: n }, (_, i) => flow({ id: `f${String(i)}`, apikeyid }));

const pin = (validTo: number, selfSigned = false) => ({
  sha256: Array.from({ length: 32 }, () => 'AB').join(':'),
  subject: 'CN=flowise.example.com',
  issuer: selfSigned ? 'CN=flowise.example.com' : 'CN=Some CA',
  validFrom: new Date(NOW - 300 * DAY_MS).toUTCString(),
  validTo: new Date(validTo).toUTCString(),
  pinnedAt: NOW - DAY_MS,
});

describe('overview rules', () => {
  it('has one table entry per rule of the contract, and a healthy instance has no finding', () => {
    expect(RULES.map((r) => r.rule).sort()).toEqual([...OverviewRuleSchema.options].sort());
    expect(findingsOf(healthy())).toEqual([]);
  });

  it('gives each finding a stable id of rule, instance and subject, with its fix', () => {
    const [finding] = findingsOf(healthy({ flows: [flow({ id: 'f9', apikeyid: null })] }));
    expect(finding).toEqual({
      id: `flow-public:${INSTANCE_ID}:f9`,
      rule: 'flow-public',
      severity: 'high',
      instanceId: INSTANCE_ID,
      instanceName: 'prod',
      subject: { kind: 'flow', id: 'f9', name: 'flow f9' },
      why: expect.stringContaining('anyone who can reach the server'),
      fix: {
        action: 'bind-key',
        label: 'Bind a key',
        alternatives: [{ action: 'mark-public', label: 'Mark public on purpose' }],
      },
    });
  });

  it('flow-public: a chatflow, agentflow or multi-agent flow with no key, unless marked public on purpose', () => {
    const s = healthy({
      keys: [key({ id: 'k1' })],
      flows: [
        flow({ id: 'chat', apikeyid: null }),
        flow({ id: 'agent', apikeyid: null, type: 'AGENTFLOW' }),
        flow({ id: 'multi', apikeyid: null, type: 'MULTIAGENT' }),
        flow({ id: 'assistant', apikeyid: null, type: 'ASSISTANT' }),
        flow({ id: 'marked', apikeyid: null }),
        flow({ id: 'bound', apikeyid: 'k1' }),
      ],
      publicFlows: new Set(['marked']),
    });
    expect(hits('flow-public', s)).toEqual(['chat', 'agent', 'multi']);
  });

  it('flow-missing-key: a flow bound to a key the server no longer lists', () => {
    const s = healthy({
      flows: [flow({ id: 'ok', apikeyid: 'k1' }), flow({ id: 'lost', apikeyid: 'gone' })],
    });
    expect(hits('flow-missing-key', s)).toEqual(['lost']);
  });

  it('key-old: first seen 90 days ago is reported, a millisecond less is not', () => {
    const at = (days: number, ms = 0) => NOW - days * DAY_MS + ms;
    const s = healthy({
      keys: [key({ id: 'k89', since: at(90, 1) }), key({ id: 'k90', since: at(90) })],
      flows: [flow({ id: 'a', apikeyid: 'k89' }), flow({ id: 'b', apikeyid: 'k90' })],
    });
    expect(hits('key-old', s)).toEqual(['k90']);
    expect(hits('key-old', { ...s, thresholds: { ...s.thresholds, keyMaxAgeDays: 91 } })).toEqual(
      [],
    );
    const [finding] = findingsOf(s).filter((f) => f.rule === 'key-old');
    expect(finding?.why).toContain('90 days ago');
  });

  it('key-old: a key or instance policy replaces the Settings limit, at its own boundary', () => {
    const at = (days: number, ms = 0) => NOW - days * DAY_MS + ms;
    const s = healthy({
      keys: [
        key({ id: 'k29', since: at(30, 1), maxAgeDays: 30 }),
        key({ id: 'k30', since: at(30), maxAgeDays: 30 }),
        key({ id: 'k100', since: at(100), maxAgeDays: 120 }),
      ],
      flows: ['k29', 'k30', 'k100'].map((id) => flow({ id: `f-${id}`, apikeyid: id })),
    });
    expect(hits('key-old', s)).toEqual(['k30']);
    const [finding] = findingsOf(s).filter((f) => f.rule === 'key-old');
    expect(finding?.why).toContain('30-day rotation policy');
    const admin = healthy({
      keys: [key({ id: 'k1' }), key({ id: 'admin', admin: true, since: at(7), maxAgeDays: 7 })],
    });
    expect(hits('admin-key-old', admin)).toEqual(['admin']);
  });

  it('key-broad: every permission, or every apikeys:* one; one short of either is not', () => {
    const s = healthy({
      keys: [
        key({ id: 'all', permissions: CATALOG }),
        key({ id: 'minter', permissions: ['apikeys:view', 'apikeys:create'] }),
        key({ id: 'almost', permissions: ['apikeys:view', 'chatflows:view', 'chatflows:update'] }),
        { id: 'old-server', name: 'no permission list', since: NOW, copied: true, admin: false },
      ],
      flows: ['all', 'minter', 'almost', 'old-server'].map((id) => flow({ id, apikeyid: id })),
    });
    expect(hits('key-broad', s)).toEqual(['all', 'minter']);
  });

  it('key-broad: a permission listed twice does not make up for one it lacks', () => {
    const s = healthy({
      keys: [
        key({ id: 'twice', permissions: ['apikeys:view', 'apikeys:view'] }),
        key({ id: 'all-but-one', permissions: [...CATALOG.slice(1), 'chatflows:view'] }),
      ],
      flows: ['twice', 'all-but-one'].map((id) => flow({ id, apikeyid: id })),
    });
    expect(hits('key-broad', s)).toEqual([]);
  });

  it('key-unused: no flow and never copied; a copied, bound, admin or rotating key is not', () => {
    const s = healthy({
      keys: [
        key({ id: 'dead', copied: false }),
        key({ id: 'copied', copied: true }),
        key({ id: 'bound', copied: false }),
        key({ id: 'admin', copied: false, admin: true }),
        key({ id: 'rotating', copied: false }),
      ],
      flows: [flow({ id: 'f', apikeyid: 'bound' })],
      rotations: [rotation({ id: 'r', keyId: 'rotating', status: 'waiting', reached: 'grace' })],
    });
    expect(hits('key-unused', s)).toEqual(['dead']);
  });

  it('key-many-flows: more than N flows is reported, N is not', () => {
    const s = (n: number) => healthy({ keys: [key({ id: 'k1' })], flows: flows(n, 'k1') });
    expect(hits('key-many-flows', s(10))).toEqual([]);
    expect(hits('key-many-flows', s(11))).toEqual(['k1']);
    const narrow = s(3);
    expect(
      hits('key-many-flows', {
        ...narrow,
        thresholds: { ...narrow.thresholds, manyFlowsThreshold: 2 },
      }),
    ).toEqual(['k1']);
  });

  it('admin-key-broad: the admin key holding every permission; apikeys:* alone is what it needs', () => {
    const s = (permissions: string[]) =>
      healthy({ keys: [key({ id: 'k1' }), key({ id: 'admin', admin: true, permissions })] });
    expect(hits('admin-key-broad', s(CATALOG))).toEqual(['admin']);
    expect(
      hits('admin-key-broad', s(['apikeys:view', 'apikeys:create', 'chatflows:view'])),
    ).toEqual([]);
    expect(hits('key-broad', s(CATALOG))).toEqual([]);
  });

  it('admin-key-old: the admin key first seen 90 days ago, not 89', () => {
    const s = (days: number) =>
      healthy({
        keys: [key({ id: 'k1' }), key({ id: 'admin', admin: true, since: NOW - days * DAY_MS })],
      });
    expect(hits('admin-key-old', s(89))).toEqual([]);
    expect(hits('admin-key-old', s(90))).toEqual(['admin']);
    expect(hits('key-old', s(90))).toEqual([]);
  });

  it('admin-key-full-access-server: 2.x and 3.0.x servers, where every key has full access', () => {
    expect(hits('admin-key-full-access-server', healthy({ generation: '3.0.13+' }))).toEqual([]);
    expect(hits('admin-key-full-access-server', healthy({ generation: '3.0.1-3.0.12' }))).toEqual([
      INSTANCE_ID,
    ]);
    expect(hits('admin-key-full-access-server', healthy({ generation: '2.0.6-3.0.0' }))).toEqual([
      INSTANCE_ID,
    ]);
  });

  it('transport-plain-http: http to another host, not to loopback and not https', () => {
    const at = (baseUrl: string) =>
      hits('transport-plain-http', healthy({ profile: { ...healthy().profile, baseUrl } }));
    expect(at('http://flowise.lan:3000')).toEqual([INSTANCE_ID]);
    expect(at('http://10.0.0.5:3000')).toEqual([INSTANCE_ID]);
    expect(at('http://127.0.0.1:3000')).toEqual([]);
    expect(at('http://localhost:3000')).toEqual([]);
    expect(at('http://[::1]:3000')).toEqual([]);
    expect(at('https://flowise.lan')).toEqual([]);
  });

  it('transport-self-signed: a pinned self-signed certificate, or one never confirmed', () => {
    const profile = healthy().profile;
    const far = NOW + 365 * DAY_MS;
    const on = (p: Partial<typeof profile>) =>
      hits('transport-self-signed', healthy({ profile: { ...profile, ...p } }));
    expect(on({ certificatePin: pin(far, true) })).toEqual([INSTANCE_ID]);
    expect(on({ certificatePin: pin(far, false) })).toEqual([]);
    expect(on({ certificateUnconfirmed: true })).toEqual([INSTANCE_ID]);
    expect(on({})).toEqual([]);
  });

  it('transport-cert-expiring: under 30 days left is medium, expired is high, 30 days is not reported', () => {
    const profile = healthy().profile;
    const expiring = (validTo: number) =>
      findingsOf(healthy({ profile: { ...profile, certificatePin: pin(validTo) } }))
        .filter((f) => f.rule === 'transport-cert-expiring')
        .map((f) => f.severity);
    // toUTCString keeps whole seconds: a second short of the boundary.
    expect(expiring(NOW + CERT_WARNING_DAYS * DAY_MS)).toEqual([]);
    expect(expiring(NOW + CERT_WARNING_DAYS * DAY_MS - 1000)).toEqual(['medium']);
    expect(expiring(NOW - 1000)).toEqual(['high']);
  });

  it('credential-unused: used by no flow; unknown usage is not reported', () => {
    const s = healthy({
      credentials: [
        credential({ id: 'used', usedBy: 1 }),
        credential({ id: 'stale', usedBy: 0 }),
        { id: 'unknown', name: 'unknown' },
      ],
    });
    expect(hits('credential-unused', s)).toEqual(['stale']);
  });

  it('rotation-unfinished: running or failed; waiting, done and rolled back are not', () => {
    const s = healthy({
      rotations: [
        rotation({ id: 'running', status: 'running', reached: 'rebind' }),
        rotation({ id: 'failed', status: 'failed', reached: 'verify' }),
        rotation({ id: 'waiting', status: 'waiting', reached: 'grace', updatedAt: NOW }),
        rotation({ id: 'done', status: 'done' }),
        rotation({ id: 'back', status: 'rolled_back' }),
      ],
    });
    expect(hits('rotation-unfinished', s)).toEqual(['running', 'failed']);
  });

  it('rotation-grace-long: in grace for 7 days is reported, a millisecond less is not', () => {
    const s = (graceSince: number) =>
      healthy({
        rotations: [rotation({ id: 'r', status: 'waiting', reached: 'grace', graceSince })],
      });
    expect(hits('rotation-grace-long', s(NOW - 7 * DAY_MS + 1))).toEqual([]);
    expect(hits('rotation-grace-long', s(NOW - 7 * DAY_MS))).toEqual(['r']);
  });

  it('instance-unreachable and instance-unauthorised: by how the server failed', () => {
    const error = { code: 'network' as const, message: 'prod.example could not be reached.' };
    const down = healthy({
      reach: { state: 'unreachable', error },
      keys: [],
      flows: [],
      credentials: [],
    });
    const refused = healthy({
      reach: { state: 'unauthorised', error: { code: 'unauthorized', message: 'refused' } },
      keys: [],
      flows: [],
      credentials: [],
    });
    expect(findingsOf(down).map((f) => f.rule)).toEqual(['instance-unreachable']);
    expect(findingsOf(refused).map((f) => f.rule)).toEqual(['instance-unauthorised']);
    expect(findingsOf(down)[0]?.why).toContain('could not be reached');
  });
});
