// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { showApp } from '../../testing/show-app.js';

afterEach(cleanup);

async function openSettings(init: Parameters<typeof showApp>[0] = {}) {
  const shown = await showApp(init);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Clipboard and copying' });
  return shown;
}

/** The hint tied to a control by aria-describedby, without any error. */
function hintOf(control: HTMLElement): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('the Settings page', () => {
  it('has one form with one Save, which saves the locking and the clipboard options together', async () => {
    const { fake } = await openSettings({ settings: { lockOnSleep: false } });
    expect(screen.getAllByRole('button', { name: /^Save/ })).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('Auto-lock after (minutes)'), {
      target: { value: '3' },
    });
    fireEvent.change(screen.getByLabelText('Clear the clipboard after (seconds)'), {
      target: { value: '60' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(await fake.api.settings.get()).toMatchObject({
      autoLockMinutes: 3,
      clipboardClearSeconds: 60,
    });
  });

  it('shows each range as a hint before any value is wrong', async () => {
    await openSettings();
    const seconds = screen.getByLabelText('Clear the clipboard after (seconds)');
    const reauth = screen.getByLabelText(
      'Ask for the master password again before copying after (minutes)',
    );
    const minutes = screen.getByLabelText('Auto-lock after (minutes)');
    for (const control of [seconds, reauth, minutes])
      expect(control.getAttribute('aria-invalid')).toBeNull();
    expect(hintOf(seconds)).toMatch(/5–600 seconds/);
    expect(hintOf(reauth)).toMatch(/0–1440 minutes/);
    expect(hintOf(minutes)).toMatch(/0–1440 minutes/);
    expect(within(document.body).queryByText(/Enter a whole number/)).toBeNull();
  });

  it('saves the Overview thresholds with the rest, and refuses one out of range', async () => {
    const { fake } = await openSettings();
    await screen.findByRole('heading', { name: 'Overview' });
    const age = screen.getByLabelText('Report keys older than (days)');
    expect(age).toHaveProperty('value', '90');
    fireEvent.change(age, { target: { value: '30' } });
    fireEvent.change(screen.getByLabelText('Report a key bound to more flows than'), {
      target: { value: '4' },
    });
    fireEvent.change(screen.getByLabelText('Report a rotation in grace for longer than (days)'), {
      target: { value: '2' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(await fake.api.settings.get()).toMatchObject({
      keyMaxAgeDays: 30,
      manyFlowsThreshold: 4,
      graceLimitDays: 2,
    });
    fireEvent.change(age, { target: { value: '0' } });
    expect(screen.getByRole('button', { name: 'Save settings' })).toHaveProperty('disabled', true);
  });

  it('saves the rotation reminders: the soon-due window and the notification switch', async () => {
    const { fake } = await openSettings();
    await screen.findByRole('heading', { name: 'Rotation reminders' });
    const soon = screen.getByLabelText('Say a key is soon due this many days ahead');
    expect(soon).toHaveProperty('value', '14');
    fireEvent.change(soon, { target: { value: '7' } });
    fireEvent.click(screen.getByRole('switch', { name: 'Notify me when a key falls due' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(await fake.api.settings.get()).toMatchObject({ dueSoonDays: 7, notifyDue: false });
  });
});
