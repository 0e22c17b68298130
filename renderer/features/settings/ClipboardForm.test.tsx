// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import { showApp } from '../../testing/show-app.js';

afterEach(cleanup);

async function openClipboardSettings(init: Parameters<typeof showApp>[0] = {}) {
  const shown = await showApp(init);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  const heading = await screen.findByRole('heading', { name: 'Clipboard and copying' });
  const block = heading.closest('section');
  if (block === null) throw new Error('No clipboard block.');
  const form = within(screen.getByRole('form', { name: 'Settings' }));
  return { ...shown, block: within(block), form };
}

const change = (input: HTMLElement, value: string): void => {
  fireEvent.change(input, { target: { value } });
};

describe('the clipboard options of the settings form', () => {
  it('shows the saved values and saves changes with a confirmation', async () => {
    const { fake, block, form } = await openClipboardSettings({
      settings: { clipboardClearSeconds: 45, copyReauthMinutes: 0, storeCreatedKeys: false },
    });
    const seconds = block.getByLabelText('Clear the clipboard after (seconds)');
    const reauth = block.getByLabelText(
      'Ask for the master password again before copying after (minutes)',
    );
    const keep = block.getByRole('switch', {
      name: 'Keep a copy of keys created here in the vault',
    });
    expect((seconds as HTMLInputElement).value).toBe('45');
    expect((reauth as HTMLInputElement).value).toBe('0');
    expect((keep as HTMLInputElement).checked).toBe(false);
    expect(keep.getAttribute('aria-describedby')).not.toBeNull();
    expect(block.getByText(/stored encrypted in the vault, so you can copy it again/)).toBeTruthy();

    change(seconds, '90');
    change(reauth, '10');
    fireEvent.click(keep);
    fireEvent.click(form.getByRole('button', { name: 'Save settings' }));
    await form.findByText('Settings saved.');
    expect(await fake.api.settings.get()).toMatchObject({
      clipboardClearSeconds: 90,
      copyReauthMinutes: 10,
      storeCreatedKeys: true,
    });

    change(seconds, '91');
    expect(form.getByRole('status').textContent).toBe('');
  });

  it('explains values outside the bounds and does not save them', async () => {
    const { fake, block, form } = await openClipboardSettings();
    const seconds = block.getByLabelText('Clear the clipboard after (seconds)');
    const reauth = block.getByLabelText(
      'Ask for the master password again before copying after (minutes)',
    );
    const save = form.getByRole('button', { name: 'Save settings' });
    for (const bad of ['4', '601', '2.5', '', 'ten']) {
      change(seconds, bad);
      expect(seconds.getAttribute('aria-invalid')).toBe('true');
      expect(block.getByText('Enter a whole number of seconds from 5 to 600.')).toBeTruthy();
      expect((save as HTMLButtonElement).disabled).toBe(true);
    }
    change(seconds, '5');
    change(reauth, '1441');
    expect(block.getByText('Enter a whole number of minutes from 0 to 1440.')).toBeTruthy();
    expect((save as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(save.closest('form') as HTMLFormElement);
    expect(fake.calls).not.toContain('settings.update');
    change(reauth, '1440');
    expect(seconds.getAttribute('aria-invalid')).toBeNull();
    expect((save as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows why a save failed', async () => {
    const { fake, form } = await openClipboardSettings();
    fake.failNext('settings.update', new AppError('internal', 'The settings file is read-only.'));
    fireEvent.click(form.getByRole('button', { name: 'Save settings' }));
    expect((await form.findByRole('alert')).textContent).toBe('The settings file is read-only.');
    expect(form.getByRole('status').textContent).toBe('');
  });
});
