import { z } from 'zod';
import { describe, expect, it } from 'vitest';

import { AuditRecord } from '../../../common/ipc/schemas/audit.js';
import { PASSWORD, vaultFixture } from '../vault/testing/vault-fixture.js';
import { createAuditLog } from './audit-log.js';

async function setup() {
  const fixture = vaultFixture();
  await fixture.vault.create(PASSWORD);
  const log = createAuditLog({ ...fixture, osUser: 'operator' });
  const key = (name: string) => ({ kind: 'key' as const, name, fingerprint: 'f00d' });
  await log.append({
    action: 'key.create',
    outcome: 'ok',
    instanceName: 'prod',
    subject: key('a'),
  });
  fixture.clock.advance(1000);
  await log.append({ action: 'key.copy', outcome: 'ok', instanceName: 'prod', subject: key('a') });
  await log.append({
    action: 'key.delete',
    outcome: 'failed',
    instanceName: 'dev',
    subject: key('b'),
  });
  return { ...fixture, log };
}

const Section = z.object({ records: z.array(AuditRecord) });

describe('audit log', () => {
  it('records who, when and what, newest first, with filters', async () => {
    const { log, clock } = await setup();
    const page = log.list({});
    expect(page.total).toBe(3);
    expect(page.records.map((r) => r.action)).toEqual(['key.delete', 'key.copy', 'key.create']);
    expect(page.records[2]).toMatchObject({ osUser: 'operator', seq: 0, at: clock.now() - 1000 });
    expect(log.list({ action: 'key.copy' }).total).toBe(1);
    expect(log.list({ text: 'DEV' }).records.map((r) => r.subject?.name)).toEqual(['b']);
  });

  it('verifies the chain, and finds an altered record', async () => {
    const { log, vault } = await setup();
    expect(log.verify()).toMatchObject({ ok: true, count: 3 });
    const records = vault.readSection('audit', Section)?.records ?? [];
    const altered = records.map((r) => (r.seq === 1 ? { ...r, outcome: 'failed' as const } : r));
    await vault.writeSection('audit', { records: altered });
    expect(log.verify()).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('notices records cut off the end', async () => {
    const { log, vault } = await setup();
    const records = vault.readSection('audit', Section)?.records ?? [];
    await vault.writeSection('audit', { records: records.slice(0, 2) });
    const result = log.verify();
    expect(result.ok).toBe(false);
    expect(result.summary).toContain('missing');
  });

  it('exports every record as JSON', async () => {
    const { log } = await setup();
    const exported = log.export();
    expect(exported.fileName).toMatch(/^flowise-key-vault-audit-.*\.json$/);
    const parsed = JSON.parse(exported.json) as { records: unknown[] };
    expect(parsed.records).toHaveLength(3);
  });
});
