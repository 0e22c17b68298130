// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { AppError } from '../../../common/errors.js';
import { captureDownloads } from '../../testing/capture-downloads.js';
import { showApp } from '../../testing/show-app.js';
import type { TestCore } from '../../testing/test-core.js';

const draft = (name: string) => ({
  name,
  baseUrl: `https://${name.toLowerCase()}.example.com`,
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const open = (name: string): void => {
  fireEvent.click(screen.getByRole('button', { name }));
};

/** Two instances; "deploy" created on Prod, then "reader" on Lab, then "deploy" copied. */
async function withRecords(): Promise<TestCore> {
  const { fake } = await showApp({ instances: [draft('Prod'), draft('Lab')] });
  const [prod, lab] = (await fake.api.instances.list()).instances;
  if (prod === undefined || lab === undefined) throw new Error('No instances seeded.');
  const { key } = await fake.api.keys.create({
    instanceId: prod.id,
    keyName: 'deploy',
    permissions: ['chatflows:view'],
  });
  fake.advance(60_000);
  await fake.api.keys.create({
    instanceId: lab.id,
    keyName: 'reader',
    permissions: ['chatflows:view'],
  });
  fake.advance(60_000);
  await fake.api.keys.copy({ instanceId: prod.id, keyId: key.id });
  return fake;
}

const servers = (fake: TestCore) => fake.instances.map((i) => fake.flowise.server(i.baseUrl));

async function openAudit(): Promise<HTMLElement> {
  open('Audit');
  return screen.findByRole('table', { name: 'Audit records, newest first' });
}

/** A cell's words; a subject's fingerprint, shown beside its name, is left out. */
const words = (cell: HTMLElement): string =>
  [...cell.childNodes]
    .filter((node) => !(node instanceof HTMLElement && node.matches('.audit-fingerprint')))
    .map((node) => node.textContent)
    .join('');

const rows = (table: HTMLElement): string[][] =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell').slice(1).map(words));

describe('AuditPage', () => {
  it('says when there are no records yet', async () => {
    await showApp();
    open('Audit');
    expect(await screen.findByRole('heading', { name: 'No records yet' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('lists records newest first, in words', async () => {
    const fake = await withRecords();
    const table = await openAudit();
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Time',
      'Action',
      'Instance',
      'Subject',
      'Outcome',
      'Detail',
      'OS user',
    ]);
    // Saving each instance was audited too, before the keys.
    expect(rows(table).slice(0, 3)).toEqual([
      ['API key copied', 'Prod', 'deploy', 'Done', '', 'tester'],
      ['API key created', 'Lab', 'reader', 'Done', '', 'tester'],
      ['API key created', 'Prod', 'deploy', 'Done', '', 'tester'],
    ]);
    expect(
      rows(table)
        .slice(3)
        .map((r) => r[2]),
    ).toEqual(['Lab', 'Prod']);
    expect(table.querySelectorAll('.audit-fingerprint').length).toBeGreaterThanOrEqual(3);
    const time = within(table).getAllByRole('row')[1]?.querySelector('time');
    expect(time?.getAttribute('datetime')).toBe('2026-01-01T00:02:00.000Z');
    expect(screen.getByText('Showing 5 records.')).toBeTruthy();
    for (const server of servers(fake)) {
      expect(document.body.innerHTML).not.toContain(server.adminKey.apiKey);
      for (const key of server.state.keys.values())
        expect(document.body.innerHTML).not.toContain(key.apiKey);
    }
  });

  it('filters by action, instance and text', async () => {
    await withRecords();
    const table = await openAudit();
    const search = screen.getByRole('search', { name: 'Filter audit records' });
    fireEvent.change(within(search).getByLabelText('Action'), {
      target: { value: 'key.create' },
    });
    await waitFor(() => {
      expect(rows(table).map((r) => r[2])).toEqual(['reader', 'deploy']);
    });
    fireEvent.change(within(search).getByLabelText('Instance'), {
      target: { value: within(search).getByRole('option', { name: 'Lab' }).getAttribute('value') },
    });
    await waitFor(() => {
      expect(rows(table).map((r) => r[2])).toEqual(['reader']);
    });
    fireEvent.change(within(search).getByLabelText('Action'), { target: { value: '' } });
    fireEvent.change(within(search).getByLabelText('Instance'), { target: { value: '' } });
    fireEvent.change(within(search).getByLabelText('Search'), { target: { value: 'nothing' } });
    expect(await screen.findByText('No records match these filters.')).toBeTruthy();
    fireEvent.change(within(search).getByLabelText('Search'), { target: { value: 'deploy' } });
    const again = await screen.findByRole('table');
    expect(rows(again).map((r) => r[0])).toEqual(['API key copied', 'API key created']);
  });

  it('reloads each time the page is shown, and on Refresh', async () => {
    const fake = await withRecords();
    let table = await openAudit();
    expect(rows(table)).toHaveLength(5);
    const [prod] = (await fake.api.instances.list()).instances;
    await fake.api.keys.create({
      instanceId: prod?.id ?? '',
      keyName: 'later',
      permissions: ['chatflows:view'],
    });
    open('Instances');
    table = await openAudit();
    await waitFor(() => {
      expect(rows(table)).toHaveLength(6);
    });
    await fake.api.keys.create({
      instanceId: prod?.id ?? '',
      keyName: 'latest',
      permissions: ['chatflows:view'],
    });
    open('Refresh');
    await waitFor(() => {
      expect(rows(table)[0]?.[2]).toBe('latest');
    });
  });

  it('says the chain checks out, or where it breaks', async () => {
    const fake = await withRecords();
    await openAudit();
    open('Verify integrity');
    const status = await screen.findByText('Integrity OK. All 5 records check out.');
    expect(status.getAttribute('role')).toBe('status');

    vi.spyOn(fake.api.audit, 'verify').mockResolvedValue({
      ok: false,
      count: 3,
      brokenAt: 1,
      summary: 'Record 2 of 3 does not match the chain: the log was altered from there on.',
    });
    open('Verify integrity');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Integrity check failed at record 2. Record 2 of 3 does not match the chain: the log was altered from there on.',
    );
    expect(screen.queryByText(/Integrity OK/)).toBeNull();
  });

  it('exports the log as a JSON file download', async () => {
    const fake = await withRecords();
    await openAudit();
    const { blobs, clicked } = captureDownloads('blob:fake-audit');
    open('Export');
    await screen.findByText(
      'Exported the whole log as flowise-key-vault-audit-2026-01-01T00-02-00-000Z.json.',
    );
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('flowise-key-vault-audit-2026-01-01T00-02-00-000Z.json');
    expect(clicked[0]?.href).toBe('blob:fake-audit');
    expect(clicked[0]?.isConnected).toBe(false);
    expect(blobs[0]?.type).toBe('application/json');
    const text = await blobs[0]?.text();
    expect(JSON.parse(text ?? '')).toMatchObject({ format: 'flowise-key-vault-audit/1' });
    expect((JSON.parse(text ?? '') as { records: unknown[] }).records).toHaveLength(5);
    for (const server of servers(fake)) expect(text).not.toContain(server.adminKey.apiKey);
  });

  it('shows a failed load, and recovers on Refresh', async () => {
    const fake = await withRecords();
    fake.failNext('audit.list', new AppError('internal', 'The audit log could not be read.'));
    open('Audit');
    expect((await screen.findByRole('alert')).textContent).toBe('The audit log could not be read.');
    expect(screen.queryByText('Loading the audit log…')).toBeNull();
    open('Refresh');
    const table = await screen.findByRole('table');
    expect(rows(table)).toHaveLength(5);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
