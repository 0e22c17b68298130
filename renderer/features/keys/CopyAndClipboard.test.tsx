// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import { TEST_PASSWORD } from '../../testing/show-app.js';
import { showKeys } from '../../testing/show-keys.js';

afterEach(cleanup);

const VALUE = 'fkv-existing-key-VALUE-0123456789wxyz';
const toast = () => within(screen.getByRole('region', { name: 'Clipboard' })).getByRole('status');

async function showOneKey() {
  const app = await showKeys((fake, id) => {
    fake.keys.seedKey(id, 'prod', VALUE);
  });
  await screen.findByRole('list', { name: 'API keys' });
  return app;
}

describe('copying keys', () => {
  it('copies, counts down, and clears on request', async () => {
    const { fake } = await showOneKey();
    expect(toast().textContent).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Copy prod' }));
    await waitFor(() => {
      expect(toast().textContent).toBe('Copied API key prod. Clears in 30 s.');
    });
    expect(fake.keys.clipboardText()).toBe(VALUE);
    fireEvent.click(screen.getByRole('button', { name: 'Clear now' }));
    await waitFor(() => {
      expect(toast().textContent).toBe('Clipboard cleared now: API key prod is gone from it.');
    });
    expect(fake.keys.clipboardText()).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(toast().textContent).toBe('');
    expect(document.body.innerHTML).not.toContain(VALUE);
  });

  it('says when main cleared on time, and when it left a replaced clipboard alone', async () => {
    const { fake } = await showOneKey();
    fireEvent.click(screen.getByRole('button', { name: 'Copy prod' }));
    await waitFor(() => {
      expect(toast().textContent).toMatch(/^Copied API key prod\./);
    });
    act(() => {
      fake.keys.expireClipboard();
    });
    expect(toast().textContent).toBe('Clipboard cleared on time: API key prod is gone from it.');

    fireEvent.click(screen.getByRole('button', { name: 'Copy prod' }));
    await waitFor(() => {
      expect(toast().textContent).toMatch(/^Copied API key prod\./);
    });
    act(() => {
      fake.keys.replaceClipboard('something the person copied');
      fake.keys.expireClipboard();
    });
    expect(toast().textContent).toBe(
      'The clipboard was left alone: something else replaced API key prod there.',
    );
    expect(fake.keys.clipboardText()).toBe('something the person copied');
  });

  it('asks for the master password when main wants it, then copies', async () => {
    const { fake } = await showOneKey();
    fake.keys.setCopyPassword(TEST_PASSWORD);
    fireEvent.click(screen.getByRole('button', { name: 'Copy prod' }));
    const dialog = await screen.findByRole('dialog', { name: 'Enter the master password' });
    expect(dialog.textContent).toContain('Enter the master password to copy a key.');
    expect(dialog.textContent).toContain('It is needed to copy API key prod.');
    fireEvent.change(within(dialog).getByLabelText('Master password'), {
      target: { value: 'wrong password' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    await within(dialog).findByRole('alert');
    expect(fake.keys.clipboardText()).toBeNull();

    fireEvent.change(within(dialog).getByLabelText('Master password'), {
      target: { value: TEST_PASSWORD },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(fake.keys.clipboardText()).toBe(VALUE);
    expect(document.body.innerHTML).not.toContain(TEST_PASSWORD);
  });

  it('shows a failed copy in words', async () => {
    const { fake } = await showOneKey();
    fake.failNext('keys.copy', new AppError('not_found', 'That key is no longer on the server.'));
    fireEvent.click(screen.getByRole('button', { name: 'Copy prod' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That key is no longer on the server.',
    );
  });
});
