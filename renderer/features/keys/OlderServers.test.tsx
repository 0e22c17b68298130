// @vitest-environment jsdom
// Servers before 3.0.13, on the real core: their keys carry no permissions, and the app says
// so in words instead of offering a picker it cannot honour.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { showApp, showInstances } from '../../testing/show-app.js';

afterEach(cleanup);

const CASES = [
  { generation: '3.0.1-3.0.12', version: '3.0.12', access: /workspace-owner access/ },
  { generation: '2.0.6-3.0.0', version: '2.2.8', access: /full access/ },
] as const;

describe.each(CASES)('a Flowise $version server', ({ generation, version, access }) => {
  it('creates a key without a permission picker, and says what access it will have', async () => {
    await showApp({ flowise: { generation }, instances: [{ name: 'Old', tested: true }] });
    fireEvent.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Keys' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Create key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create API key' });
    const note = await within(dialog).findByText(/older than 3\.0\.13/);
    expect(note.textContent).toMatch(access);
    expect(note.textContent).toContain(version);
    expect(within(dialog).queryByRole('group', { name: 'Presets' })).toBeNull();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Key name' }), {
      target: { value: 'deploy' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
    // The one-time reveal follows: the key was made.
    expect(await within(dialog).findByRole('button', { name: 'Copy key' })).toBeTruthy();
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('flags the instance: every key can do everything', async () => {
    await showInstances({ flowise: { generation }, instances: [{ name: 'Old', tested: true }] });
    const row = await screen.findByRole('listitem', { name: 'Old' });
    expect(within(row).getByText(/every key can do everything/i).textContent).toMatch(access);
  });
});
