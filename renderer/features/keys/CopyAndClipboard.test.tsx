// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { TEST_PASSWORD } from '../../testing/show-app.js';
import { showKeys } from '../../testing/show-keys.js';
import type { TestCoreInit } from '../../testing/test-core.js';

afterEach(cleanup);

const VALUE = 'fkv-existing-key-VALUE-0123456789wxyz';
const toast = () => within(screen.getByRole('region', { name: 'Clipboard' })).getByRole('status');

async function showOneKey(init: TestCoreInit = {}) {
  const app = await showKeys(({ server }) => {
    server.addKey('prod', undefined, VALUE);
  }, init);
  await screen.findByRole('list', { name: 'API keys' });
  return app;
}

describe('copying keys', () => {
  it('copies, counts down, and clears on request', async () => {
    const { fake } = await showOneKey();
    expect(toast().textContent).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Copy prod' }));
    await waitFor(() => {
      expect(toast().textContent).toBe('Copied prod. Clears in 30 s.');
    });
    expect(fake.clipboardText()).toBe(VALUE);
    fireEvent.click(screen.getByRole('button', { name: 'Clear now' }));
    await waitFor(() => {
      expect(toast().textContent).toBe('Clipboard cleared now: prod is gone from it.');
    });
    expect(fake.clipboardText()).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(toast().textContent).toBe('');
    expect(document.body.innerHTML).not.toContain(VALUE);
  });

  it('says when main cleared on time, and when it left a replaced clipboard alone', async () => {
    const { fake } = await showOneKey();
    fireEvent.click(screen.getByRole('button', { name: 'Copy prod' }));
    await waitFor(() => {
      expect(toast().textContent).toMatch(/^Copied prod\./);
    });
    await act(async () => {
      fake.advance(30_000);
      await fake.settle();
    });
    expect(toast().textContent).toBe('Clipboard cleared on time: prod is gone from it.');
    expect(fake.clipboardText()).toBe('');

    fireEvent.click(screen.getByRole('button', { name: 'Copy prod' }));
    await waitFor(() => {
      expect(toast().textContent).toMatch(/^Copied prod\./);
    });
    await act(async () => {
      fake.clipboard.setText('something the person copied');
      fake.advance(30_000);
      await fake.settle();
    });
    expect(toast().textContent).toBe(
      'The clipboard was left alone: something else replaced prod there.',
    );
    expect(fake.clipboardText()).toBe('something the person copied');
  });

  it('asks for the master password when main wants it, then copies', async () => {
    // A copy asks again once the last unlock is a minute old.
    const { fake } = await showOneKey({ settings: { copyReauthMinutes: 1 } });
    fake.advance(61_000);
    fireEvent.click(screen.getByRole('button', { name: 'Copy prod' }));
    const dialog = await screen.findByRole('dialog', { name: 'Enter the master password' });
    expect(dialog.textContent).toContain('Enter the master password to copy a key.');
    expect(dialog.textContent).toContain('It is needed to copy API key prod.');
    fireEvent.change(within(dialog).getByLabelText('Master password'), {
      target: { value: 'wrong password' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    await within(dialog).findByRole('alert');
    expect(fake.clipboardText()).toBe('');

    fireEvent.change(within(dialog).getByLabelText('Master password'), {
      target: { value: TEST_PASSWORD },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(fake.clipboardText()).toBe(VALUE);
    expect(document.body.innerHTML).not.toContain(TEST_PASSWORD);
  });

  it('shows a failed copy in words', async () => {
    const { server } = await showOneKey();
    server.state.keys.delete(server.keyNamed('prod')?.id ?? '');
    fireEvent.click(screen.getByRole('button', { name: 'Copy prod' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That key is no longer on the server.',
    );
  });
});
