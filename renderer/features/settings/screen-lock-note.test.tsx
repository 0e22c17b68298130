// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { showApp } from '../../testing/show-app.js';

afterEach(cleanup);

const UNDETECTABLE = /this system does not let the app see the screen lock/i;

async function openLockingSettings(screenLockDetectable?: boolean) {
  await showApp(screenLockDetectable === undefined ? {} : { screenLockDetectable });
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  const heading = await screen.findByRole('heading', { name: 'Locking' });
  const block = heading.closest('section');
  if (block === null) throw new Error('No locking block.');
  return within(block);
}

describe('the screen-lock note in the Locking settings', () => {
  it('says next to "Lock when the screen locks" when this system cannot detect a screen lock', async () => {
    const block = await openLockingSettings(false);
    const box = block.getByRole('checkbox', { name: 'Lock when the screen locks' });
    const note = await block.findByText(UNDETECTABLE);
    expect(box.getAttribute('aria-describedby')).toBe(note.closest('[id]')?.id);
  });

  it.each([true, undefined])('adds no such note when detection is %s', async (detectable) => {
    const block = await openLockingSettings(detectable);
    await block.findByRole('checkbox', { name: 'Lock when the screen locks' });
    // Let app.info answer before looking for the note.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(block.queryByText(UNDETECTABLE)).toBeNull();
  });
});
