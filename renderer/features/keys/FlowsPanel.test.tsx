// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { addChatflow, keyRow, showKeys } from '../../testing/show-keys.js';
import type { TestCoreInit } from '../../testing/test-core.js';
import { TEST_PASSWORD } from '../../testing/test-core.js';

afterEach(cleanup);

const VALUE = 'fkv-existing-key-VALUE-0123456789wxyz';

async function showFlows(init: TestCoreInit = {}) {
  const app = await showKeys(({ server }) => {
    const key = server.addKey('prod', undefined, VALUE);
    server.addKey('spare', undefined, `${VALUE}-spare`);
    addChatflow(server, 'Support bot', key.id);
    addChatflow(server, 'Open bot');
  }, init);
  await screen.findByRole('list', { name: 'API keys' });
  fireEvent.click(screen.getByRole('tab', { name: 'Flows' }));
  await screen.findByRole('list', { name: 'Flows' });
  return app;
}

const flowRow = (name: string): HTMLElement => {
  const heading = screen.getByRole('heading', { level: 2, name });
  const item = heading.closest('li');
  if (item === null) throw new Error(`No row for ${name}`);
  return item;
};

describe('FlowsPanel', () => {
  it('shows each flow with its key, or that it is public', async () => {
    await showFlows();
    expect(within(flowRow('Support bot')).getByTestId('flow-key').textContent).toBe('Key: prod');
    expect(within(flowRow('Open bot')).getByTestId('flow-key').textContent).toBe(
      'No Authorization: anyone can call it',
    );
  });

  it('lists the flows by name, ignoring case, and narrows them with the search box', async () => {
    await showKeys(({ server }) => {
      addChatflow(server, 'zeta bot');
      addChatflow(server, 'Beta bot');
      addChatflow(server, 'alpha bot');
      addChatflow(server, 'Alpha helper');
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Flows' }));
    const list = await screen.findByRole('list', { name: 'Flows' });
    const names = () =>
      within(screen.getByRole('list', { name: 'Flows' }))
        .getAllByRole('heading', { level: 2 })
        .map((h) => h.textContent);
    expect(within(list).getAllByRole('heading', { level: 2 })).toHaveLength(4);
    expect(names()).toEqual(['alpha bot', 'Alpha helper', 'Beta bot', 'zeta bot']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search flows' }), {
      target: { value: 'ALPHA' },
    });
    expect(names()).toEqual(['alpha bot', 'Alpha helper']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search flows' }), {
      target: { value: 'nothing like it' },
    });
    expect(screen.getByText('No flow matches.')).toBeTruthy();
  });

  it('moves between the tabs with the arrow keys', async () => {
    await showFlows();
    const flows = screen.getByRole('tab', { name: 'Flows' });
    expect(flows.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(flows, { key: 'ArrowLeft' });
    const keys = screen.getByRole('tab', { name: 'Keys' });
    expect(keys.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(keys);
    await screen.findByRole('list', { name: 'API keys' });
  });

  it('binds a flow to a key, and warns before making one public', async () => {
    const { fake, server } = await showFlows();
    fireEvent.click(screen.getByRole('button', { name: 'Change key for Open bot' }));
    let dialog = await screen.findByRole('dialog', { name: 'Key for Open bot' });
    expect(within(dialog).getByRole('note').textContent).toContain('The flow becomes public');
    fireEvent.click(within(dialog).getByRole('radio', { name: /^spare/ }));
    expect(within(dialog).queryByRole('note')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('Open bot now answers to key spare.');
    expect(within(flowRow('Open bot')).getByTestId('flow-key').textContent).toBe('Key: spare');

    fireEvent.click(screen.getByRole('button', { name: 'Change key for Support bot' }));
    dialog = await screen.findByRole('dialog', { name: 'Key for Support bot' });
    fireEvent.click(within(dialog).getByRole('radio', { name: 'No Authorization' }));
    expect(within(dialog).getByRole('note').textContent).toContain('anyone who can reach');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('Support bot is now public: No Authorization.');
    expect(fake.calls.filter((c) => c === 'chatflows.bind')).toHaveLength(2);
    expect([...server.state.chatflows.values()].map((f) => [f.name, f.apikeyid ?? ''])).toEqual([
      ['Support bot', ''],
      ['Open bot', server.keyNamed('spare')?.id],
    ]);

    fireEvent.click(screen.getByRole('tab', { name: 'Keys' }));
    await screen.findByRole('list', { name: 'API keys' });
    expect(within(keyRow('spare')).getByTestId('key-usage').textContent).toBe(
      'Used by 1 flow: Open bot',
    );
    expect(within(keyRow('prod')).getByTestId('key-usage').textContent).toBe(
      'Not used by any flow',
    );
  });

  it('binds several ticked flows to one key, naming the flows that stop accepting their key', async () => {
    const { fake, server } = await showFlows();
    const bindMany = () => screen.getByRole('button', { name: /^Bind \d+ flows? to/ });
    expect(bindMany().hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Choose Support bot' }));
    expect(bindMany().textContent).toBe('Bind 1 flow to…');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Choose Open bot' }));
    expect(bindMany().textContent).toBe('Bind 2 flows to…');
    fireEvent.click(bindMany());
    const dialog = await screen.findByRole('dialog', { name: 'Bind 2 flows to a key' });
    const bind = within(dialog).getByRole('button', { name: 'Bind' });
    expect(bind.hasAttribute('disabled')).toBe(true);
    fireEvent.click(within(dialog).getByRole('radio', { name: /^prod/ }));
    expect(within(dialog).queryByRole('note')).toBeNull();
    fireEvent.click(within(dialog).getByRole('radio', { name: /^spare/ }));
    expect(within(dialog).getByRole('note').textContent).toBe(
      'Support bot will stop accepting prod.',
    );
    fireEvent.click(bind);
    const results = await within(dialog).findByRole('list', { name: 'Results' });
    expect(
      within(results)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Open bot: bound', 'Support bot: bound']);
    expect(fake.calls.filter((c) => c === 'chatflows.bindMany')).toHaveLength(1);
    const spare = server.keyNamed('spare')?.id;
    expect([...server.state.chatflows.values()].map((f) => [f.name, f.apikeyid])).toEqual([
      ['Support bot', spare],
      ['Open bot', spare],
    ]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => {
      expect(within(flowRow('Open bot')).getByTestId('flow-key').textContent).toBe('Key: spare');
    });
    expect(within(flowRow('Support bot')).getByTestId('flow-key').textContent).toBe('Key: spare');
    expect(
      screen.getByRole<HTMLInputElement>('checkbox', { name: 'Choose Open bot' }).checked,
    ).toBe(false);
  });

  it('names the flow that failed to bind, with why, and binds the others', async () => {
    const { server } = await showFlows();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Choose Support bot' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Choose Open bot' }));
    const open = [...server.state.chatflows.values()].find((f) => f.name === 'Open bot');
    if (open === undefined) throw new Error('no Open bot');
    server.state.chatflows.delete(open.id);
    fireEvent.click(screen.getByRole('button', { name: 'Bind 2 flows to…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Bind 2 flows to a key' });
    fireEvent.click(within(dialog).getByRole('radio', { name: /^spare/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Bind' }));
    const results = await within(dialog).findByRole('list', { name: 'Results' });
    const [failed, bound] = within(results)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(failed).toMatch(/^Open bot: failed: \S/);
    expect(bound).toBe('Support bot: bound');
    expect(server.state.chatflows.get(open.id)).toBeUndefined();
    expect([...server.state.chatflows.values()].map((f) => f.apikeyid)).toEqual([
      server.keyNamed('spare')?.id,
    ]);
    await waitFor(() => {
      expect(screen.queryByRole('heading', { level: 2, name: 'Open bot' })).toBeNull();
    });
  });

  it('shows the API code with a placeholder and copies it with the key', async () => {
    const { fake } = await showFlows();
    fireEvent.click(screen.getByRole('button', { name: 'API code for Support bot' }));
    const dialog = await screen.findByRole('dialog', { name: 'API code for Support bot' });
    const code = await within(dialog).findByTestId('snippet');
    expect(code.textContent).toContain('<your API key>');
    fireEvent.click(within(dialog).getByRole('tab', { name: 'Python' }));
    await waitFor(() => {
      expect(fake.calls.filter((c) => c === 'chatflows.snippet')).toHaveLength(2);
    });
    await within(dialog).findByTestId('snippet');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy code' }));
    await waitFor(() => {
      expect(fake.clipboardText()).toContain(VALUE);
    });
    expect(document.body.innerHTML).not.toContain(VALUE);
  });

  it('asks for the master password before copying code when main wants it', async () => {
    // A copy asks again once the last unlock is a minute old.
    const { fake } = await showFlows({ settings: { copyReauthMinutes: 1 } });
    fake.advance(61_000);
    fireEvent.click(screen.getByRole('button', { name: 'API code for Support bot' }));
    const dialog = await screen.findByRole('dialog', { name: 'API code for Support bot' });
    await within(dialog).findByTestId('snippet');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy code' }));
    const ask = await screen.findByRole('dialog', { name: 'Enter the master password' });
    fireEvent.change(within(ask).getByLabelText('Master password'), {
      target: { value: TEST_PASSWORD },
    });
    fireEvent.click(within(ask).getByRole('button', { name: 'Copy' }));
    await waitFor(() => {
      expect(fake.clipboardText()).toContain(VALUE);
    });
  });
});
