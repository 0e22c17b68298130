// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { App } from '../../App.js';
import { createTestCore } from '../../testing/test-core.js';

const PASSWORD = 'correct horse battery staple 7';

afterEach(cleanup);

function type(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('CreateVaultScreen', () => {
  it('shows strength, length and mismatch before submit, and refuses to send a mismatch', async () => {
    const fake = await createTestCore({ vault: 'none' });
    render(<App api={fake.api} />);
    await screen.findByRole('heading', { name: 'Create your vault' });
    expect(screen.getByText(/cannot be recovered/)).toBeTruthy();

    type('Master password', 'short');
    expect(screen.getByRole('status').textContent).toMatch(/^Strength: weak\. /);
    expect(screen.getByText('Use at least 8 characters.')).toBeTruthy();

    type('Master password', PASSWORD);
    expect(screen.getByRole('status').textContent).toMatch(/^Strength: strong/);
    type('Confirm master password', 'correct horse battery staple 8');
    expect(screen.getByText('The passwords do not match.')).toBeTruthy();
    expect(screen.getByLabelText('Confirm master password').getAttribute('aria-invalid')).toBe(
      'true',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Create vault' }));
    await Promise.resolve();
    expect(fake.calls).not.toContain('vault.create');
    expect(screen.getByRole('heading', { name: 'Create your vault' })).toBeTruthy();
    // The typed password never lands in an attribute or text of the page.
    expect(document.documentElement.outerHTML).not.toContain(PASSWORD);
  });

  it('creates the vault and opens the app frame when both passwords match', async () => {
    const fake = await createTestCore({ vault: 'none' });
    render(<App api={fake.api} />);
    await screen.findByRole('heading', { name: 'Create your vault' });
    type('Master password', PASSWORD);
    type('Confirm master password', PASSWORD);
    fireEvent.click(screen.getByRole('button', { name: 'Create vault' }));

    await screen.findByRole('button', { name: 'Lock vault' });
    expect(fake.calls).toContain('vault.create');
    expect(screen.getByRole('navigation', { name: 'Sections' })).toBeTruthy();
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Instances');
  });
});
