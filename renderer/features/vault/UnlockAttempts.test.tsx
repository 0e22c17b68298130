// @vitest-environment jsdom
// Wrong master passwords on the real core: after five in a row the screen counts down to the next
// try, and the next unlock tells how many failed since the last one.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { App } from '../../App.js';
import { createTestCore, TEST_PASSWORD } from '../../testing/test-core.js';

afterEach(cleanup);

async function showUnlock() {
  const core = await createTestCore({ vault: 'locked' });
  render(<App api={core.api} />);
  await screen.findByRole('heading', { name: 'Unlock your vault' });
  return core;
}

async function tryPassword(password: string): Promise<void> {
  fireEvent.change(screen.getByLabelText('Master password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
  await screen.findByRole('alert');
}

describe('wrong master passwords', () => {
  it('after five in a row, the Unlock button waits and shows a countdown', async () => {
    await showUnlock();
    for (let i = 0; i < 5; i += 1) await tryPassword(`wrong password ${String(i)}`);
    const timer = await screen.findByRole('timer');
    expect(timer.textContent).toMatch(/^Too many wrong passwords\. Try again in 0:(30|29)\.$/);
    expect(screen.getByRole('button', { name: 'Unlock' })).toHaveProperty('disabled', true);
  });

  it('tells at the next unlock how many tries failed since the last one', async () => {
    await showUnlock();
    for (let i = 0; i < 2; i += 1) await tryPassword(`wrong password ${String(i)}`);
    fireEvent.change(screen.getByLabelText('Master password'), {
      target: { value: TEST_PASSWORD },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    const notice = await screen.findByRole('region', { name: 'Failed unlocks' });
    expect(notice.textContent).toContain('2 failed unlock attempts since your last unlock');
    fireEvent.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: 'Failed unlocks' })).toBeNull();
  });
});
