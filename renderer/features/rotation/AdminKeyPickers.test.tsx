// @vitest-environment jsdom
// The key an instance is saved with is marked "Used by this vault" in the rotation pickers. The
// single-key picker still offers it (the admin key's own rotation); bulk rotation leaves it out.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { showRotation } from '../../testing/show-rotation.js';

afterEach(cleanup);

const labelOf = (input: HTMLElement): string => input.closest('label')?.textContent ?? '';

describe("the vault's own admin key in the rotation pickers", () => {
  it('is marked, and still chosen, when rotating one key', async () => {
    await showRotation();
    fireEvent.click(screen.getByRole('button', { name: 'Rotate a key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate an API key' });
    const admin = await within(dialog).findByRole<HTMLInputElement>('radio', { name: /^admin/ });
    expect(labelOf(admin)).toContain('Used by this vault');
    expect(admin.disabled).toBe(false);
    expect(labelOf(within(dialog).getByRole('radio', { name: /^deploy/ }))).not.toContain(
      'Used by this vault',
    );
  });

  it('is marked and cannot be ticked in the bulk "Keys I choose" list', async () => {
    await showRotation();
    fireEvent.click(screen.getByRole('button', { name: 'Rotate several keys' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate several keys' });
    fireEvent.click(await within(dialog).findByRole('radio', { name: 'Keys I choose' }));
    const admin = within(dialog).getByRole<HTMLInputElement>('checkbox', { name: /^admin/ });
    expect(admin.disabled).toBe(true);
    expect(labelOf(admin)).toContain('Used by this vault: rotate it on its own');
    const deploy = within(dialog).getByRole<HTMLInputElement>('checkbox', { name: /^deploy/ });
    expect(deploy.disabled).toBe(false);
    expect(labelOf(deploy)).not.toContain('Used by this vault');
  });
});
