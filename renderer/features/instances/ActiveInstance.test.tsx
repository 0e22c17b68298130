// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { showApp } from '../../testing/show-app.js';

const draft = (name: string) => ({
  name,
  baseUrl: `https://${name.toLowerCase()}.example.com`,
});

afterEach(cleanup);

describe('the active instance in the app frame', () => {
  it('switches from the header, tests the new one, and says when it cannot be reached', async () => {
    const { fake } = await showApp({ instances: [draft('Prod'), draft('Lab')] });
    const select = await screen.findByLabelText<HTMLSelectElement>('Active instance');
    expect(select.selectedOptions[0]?.textContent).toBe('Prod');
    expect(screen.queryByRole('alert')).toBeNull();

    const lab = fake.instances[1]?.id ?? '';
    (await fake.serverOf(lab)).down = true;
    fireEvent.change(select, { target: { value: lab } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The active instance, Lab, cannot be used.');
    expect(alert.textContent).toContain('Unreachable: connection failed.');
    expect(alert.textContent).toContain('lab.example.com refused the connection.');
    expect((await fake.api.instances.list()).activeId).toBe(lab);
    expect(fake.calls.filter((c) => c === 'instances.test')).toHaveLength(1);

    // The notice follows the person into every section.
    fireEvent.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Keys' }));
    expect(screen.getByRole('alert').textContent).toContain('Lab, cannot be used');

    (await fake.serverOf(lab)).down = false;
    fireEvent.click(screen.getByRole('button', { name: 'Test again (Lab)' }));
    await waitFor(() => {
      expect(screen.queryByRole('alert')).toBeNull();
    });
  });

  it('shows a saved failure of the active instance at once, and none for others', async () => {
    await showApp({ instances: [{ ...draft('Lab'), down: true }] });
    expect((await screen.findByRole('alert')).textContent).toContain('Lab, cannot be used');
    cleanup();
    await showApp({ instances: [draft('Prod'), { ...draft('Lab'), down: true }] });
    await screen.findByLabelText('Active instance');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
