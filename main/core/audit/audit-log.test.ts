import { z } from 'zod';
import { describe, expect, it } from 'vitest';

import { AuditRecord } from '../../../common/ipc/schemas/audit.js';
import { PASSWORD, vaultFixture } from '../vault/testing/vault-fixture.js';
import { hashRecord } from './audit-chain.js';
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
    expect(await log.verify()).toMatchObject({ ok: true, count: 3 });
    const records = vault.readSection('audit', Section)?.records ?? [];
    const altered = records.map((r) => (r.seq === 1 ? { ...r, outcome: 'failed' as const } : r));
    await vault.writeSection('audit', { records: altered });
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('notices records cut off the end', async () => {
    const { log, vault } = await setup();
    const records = vault.readSection('audit', Section)?.records ?? [];
    await vault.writeSection('audit', { records: records.slice(0, 2) });
    const result = await log.verify();
    expect(result.ok).toBe(false);
    expect(result.summary).toContain('missing');
  });

  it('the head never goes down: a record added after the log was cut back does not hide the cut', async () => {
    const { log, vault } = await setup();
    const records = vault.readSection('audit', Section)?.records ?? [];
    await vault.writeSection('audit', { records: records.slice(0, 1) });
    await log.append({ action: 'key.copy', outcome: 'ok', instanceName: 'prod' });
    const result = await log.verify();
    expect(result).toMatchObject({ ok: false });
    expect(result.summary).toMatch(/record 3/i);
  });

  it('verify compares the hash of the record at the head, not only the count', async () => {
    const { log, vault } = await setup();
    const records = vault.readSection('audit', Section)?.records ?? [];
    const kept = records.slice(0, 2);
    // A whole, well-linked chain of the same length, but not the one this computer wrote.
    const { hash, ...original } = records[2]!;
    const unsigned = { ...original, outcome: 'ok' as const, prevHash: kept[1]!.hash };
    const forged = { ...unsigned, hash: hashRecord(unsigned) };
    expect(forged.hash).not.toBe(hash);
    await vault.writeSection('audit', { records: [...kept, forged] });
    const result = await log.verify();
    expect(result).toMatchObject({ ok: false });
    expect(result.summary).toContain('Record 3 is not the one this computer wrote');
  });

  it('a detected truncation becomes an audit.truncated record of its own, written once', async () => {
    const { log, vault } = await setup();
    const records = vault.readSection('audit', Section)?.records ?? [];
    await vault.writeSection('audit', { records: records.slice(0, 1) });
    expect(await log.verify()).toMatchObject({ ok: false });
    await log.verify();
    await log.append({ action: 'key.copy', outcome: 'ok', instanceName: 'prod' });
    const noted = log.list({ action: 'audit.truncated' });
    expect(noted.total).toBe(1);
    expect(noted.records[0]).toMatchObject({ seq: 1, outcome: 'failed' });
    expect(noted.records[0]?.detail).toContain('record 3');
    expect(log.list({}).records.map((r) => r.action)).toEqual([
      'key.copy',
      'audit.truncated',
      'key.create',
    ]);
  });

  it('a loss stays reported after the log grows past the lost head, and a second cut is still found', async () => {
    const { log, vault } = await setup();
    const records = vault.readSection('audit', Section)?.records ?? [];
    await vault.writeSection('audit', { records: records.slice(0, 1) });
    for (let i = 0; i < 3; i += 1)
      await log.append({ action: 'key.copy', outcome: 'ok', instanceName: 'prod' });
    const later = await log.verify();
    expect(later).toMatchObject({ ok: false, count: 5 });
    expect(later.summary).toContain('Noted as record 2');
    expect(log.list({ action: 'audit.truncated' }).total).toBe(1);

    const grown = vault.readSection('audit', Section)?.records ?? [];
    await vault.writeSection('audit', { records: grown.slice(0, 4) });
    expect((await log.verify()).summary).toContain('record 5');
    expect(log.list({ action: 'audit.truncated' }).total).toBe(2);
  });

  it('exports every record as JSON', async () => {
    const { log } = await setup();
    const exported = log.export();
    expect(exported.fileName).toMatch(/^flowise-key-vault-audit-.*\.json$/);
    const parsed = JSON.parse(exported.json) as { records: unknown[] };
    expect(parsed.records).toHaveLength(3);
  });
});
