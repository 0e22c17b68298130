// @vitest-environment jsdom
// Trusting a server's certificate by its fingerprint in the add/edit dialog, and re-pinning it.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { CertificateInfo } from '../../../common/ipc/schemas/instances.js';
import { openSection, showAppOn, showInstances, TEST_PASSWORD } from '../../testing/show-app.js';
import { createTestCore, saveAsBeforePinning } from '../../testing/test-core.js';

const KEY = 'fkv-admin-key-SECRET-0123456789abcdef';
const hex = (pair: string) => Array.from({ length: 32 }, () => pair).join(':');
const FIRST: CertificateInfo = {
  sha256: hex('1A'),
  subject: 'CN=lab.example',
  issuer: 'CN=lab.example',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z',
};
const SECOND: CertificateInfo = {
  ...FIRST,
  sha256: hex('2B'),
  validFrom: '2026-06-01T00:00:00.000Z',
};
const LAB = { name: 'Lab', baseUrl: 'https://lab.example:8443', adminKey: KEY };

afterEach(cleanup);

const fill = (label: string, value: string): void => {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
};
const click = (name: string): void => {
  fireEvent.click(screen.getByRole('button', { name }));
};

async function enterPassword(submit: string) {
  const ask = await screen.findByRole('dialog', { name: 'Enter the master password' });
  fireEvent.change(within(ask).getByLabelText('Master password'), {
    target: { value: TEST_PASSWORD },
  });
  fireEvent.click(within(ask).getByRole('button', { name: submit }));
  return ask;
}

describe('trusting a certificate in the instance dialog', () => {
  it('an untrusted certificate is shown with fingerprint, subject, issuer and dates, and Trust this certificate pins it', async () => {
    const { fake, instancesState } = await showInstances();
    const server = fake.flowise.server(LAB.baseUrl);
    server.adminKey.apiKey = KEY;
    server.certificate = FIRST;
    click('Add instance');
    const dialog = await screen.findByRole('dialog', { name: 'Add instance' });
    fill('Name', LAB.name);
    fill('Base URL', LAB.baseUrl);
    fill('Admin API key', KEY);
    click('Test connection');

    const details = await within(dialog).findByLabelText('Certificate presented by the server');
    for (const text of [FIRST.sha256, FIRST.subject, FIRST.validFrom, FIRST.validTo])
      expect(details.textContent).toContain(text);
    expect(within(details).getByText('Issuer')).toBeTruthy();

    click('Trust this certificate');
    await within(dialog).findByText('Connection works.');
    expect(within(dialog).getByLabelText('Pinned certificate').textContent).toContain(FIRST.sha256);
    click('Save');
    await screen.findByText('Lab saved.');
    expect(instancesState().instances?.[0]?.certificatePin?.sha256).toBe(FIRST.sha256);
    expect(document.body.innerHTML).not.toContain(KEY);
  });

  it('a changed certificate shows both fingerprints and is re-pinned only with the master password', async () => {
    const { fake, instancesState } = await showInstances({
      instances: [{ ...LAB, certificatePin: FIRST }],
    });
    // The server now presents another certificate than the one pinned.
    (await fake.serverOf(fake.instances[0]?.id ?? '')).certificate = SECOND;
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Lab' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Lab' });
    click('Test connection');

    const prints = await within(dialog).findByLabelText('Fingerprints');
    expect(prints.textContent).toContain(`Pinned fingerprint${FIRST.sha256}`);
    expect(prints.textContent).toContain(`Presented fingerprint${SECOND.sha256}`);
    expect(within(dialog).queryByRole('button', { name: 'Trust this certificate' })).toBeNull();
    click('Re-pin');
    const ask = await enterPassword('Re-pin');
    expect(ask.textContent).toContain(SECOND.sha256);
    expect(ask.textContent).toContain(FIRST.sha256);
    await within(dialog).findByText('Connection works.');
    expect(fake.calls).toContain('instances.pinCertificate');
    expect(instancesState().instances?.[0]?.certificatePin?.sha256).toBe(SECOND.sha256);
  });

  it('an instance saved to accept any certificate is told to confirm one, and is pinned after the master password', async () => {
    const seeded = await createTestCore({ instances: [LAB] });
    (await seeded.serverOf(seeded.instances[0]?.id ?? '')).certificate = FIRST;
    const { instancesState } = await showAppOn(await saveAsBeforePinning(seeded));
    openSection('Instances');
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Lab' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Lab' });
    expect(dialog.textContent).toContain('saved to accept any certificate');
    click('Test connection');
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      "Confirm this server's certificate",
    );
    expect(
      (await within(dialog).findByLabelText('Certificate presented by the server')).textContent,
    ).toContain(FIRST.sha256);

    click('Trust this certificate');
    await enterPassword('Test connection');
    await within(dialog).findByText('Connection works.');
    click('Save');
    await enterPassword('Save');
    await screen.findByText('Lab saved.');
    expect(instancesState().instances?.[0]).toMatchObject({
      certificatePin: { sha256: FIRST.sha256 },
      certificateUnconfirmed: false,
    });
  });
});
