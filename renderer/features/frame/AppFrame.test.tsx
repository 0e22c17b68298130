// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { App } from '../../App.js';
import type { TestCoreInit } from '../../testing/test-core.js';
import { createTestCore, TEST_PASSWORD } from '../../testing/test-core.js';

const PASSWORD = TEST_PASSWORD;

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function showFrame(init: TestCoreInit = {}) {
  const fake = await createTestCore(init);
  render(<App api={fake.api} />);
  await screen.findByRole('button', { name: 'Lock vault' });
  await screen.findByRole('heading', { level: 1 });
  return fake;
}

const open = (name: string): void => {
  fireEvent.click(screen.getByRole('button', { name }));
};

describe('AppFrame', () => {
  it('switches sections and marks the current one', async () => {
    await showFrame();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Instances');
    expect(await screen.findByRole('heading', { name: 'No instances yet' })).toBeTruthy();
    const empty = {
      Keys: 'No active instance',
      Credentials: 'No active instance',
      Rotation: 'No rotations yet',
      Audit: 'No records yet',
    };
    for (const [name, text] of Object.entries(empty)) {
      open(name);
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(name);
      expect(await screen.findByText(text)).toBeTruthy();
      expect(screen.getByRole('button', { name }).getAttribute('aria-current')).toBe('page');
    }
  });

  it('saves settings and confirms', async () => {
    const fake = await showFrame();
    open('Settings');
    const minutes = await screen.findByLabelText('Auto-lock after (minutes)');
    expect((minutes as HTMLInputElement).value).toBe('5');
    fireEvent.change(minutes, { target: { value: '2' } });
    fireEvent.click(screen.getByLabelText('Lock when the computer sleeps'));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    // Not locking on sleep weakens the vault, so the save asks for the master password first.
    const dialog = await screen.findByRole('dialog', { name: 'Enter the master password' });
    fireEvent.change(within(dialog).getByLabelText('Master password'), {
      target: { value: PASSWORD },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('Settings saved.');
    expect(await fake.api.settings.get()).toMatchObject({ autoLockMinutes: 2, lockOnSleep: false });
  });

  it('changes the master password in a dialog', async () => {
    await showFrame();
    open('Settings');
    open('Change master password');
    const dialog = await screen.findByRole('dialog', { name: 'Change master password' });
    const fill = (label: string, value: string): void => {
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    };
    fill('Current master password', 'wrong password');
    fill('New master password', 'a different passphrase 42!');
    fill('Confirm new master password', 'a different passphrase 42!');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('alert')).textContent).toContain('does not open');
    expect(dialog.isConnected).toBe(true);

    fill('Current master password', PASSWORD);
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByText('Master password changed.');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('drops to the unlock screen, and any open dialog, when main locks the vault', async () => {
    const fake = await showFrame();
    open('Settings');
    open('Change master password');
    await screen.findByRole('dialog');
    fireEvent.change(screen.getByLabelText('Current master password'), {
      target: { value: PASSWORD },
    });
    act(() => {
      fake.lockFromMain('sleep');
    });
    expect(screen.getByRole('heading', { name: 'Unlock your vault' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.body.innerHTML).not.toContain(PASSWORD);
    expect(screen.getByRole('status').textContent).toBe('Locked when the computer went to sleep.');
  });

  it('pings activity at most once every 20 seconds', async () => {
    const fake = await showFrame();
    vi.useFakeTimers({ toFake: ['Date'] });
    const pings = (): number => fake.calls.filter((c) => c === 'session.activity').length;
    fireEvent.keyDown(window, { key: 'a' });
    fireEvent.pointerDown(document.body);
    expect(pings()).toBe(1);
    vi.advanceTimersByTime(19_000);
    fireEvent.keyDown(window, { key: 'b' });
    expect(pings()).toBe(1);
    vi.advanceTimersByTime(1_000);
    fireEvent.keyDown(window, { key: 'c' });
    expect(pings()).toBe(2);
  });

  it('locks from the header', async () => {
    await showFrame();
    open('Lock vault');
    await screen.findByRole('heading', { name: 'Unlock your vault' });
    expect(screen.getByRole('status').textContent).toBe('Vault locked.');
  });
});
