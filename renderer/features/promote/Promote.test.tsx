// @vitest-environment jsdom
// Promotion from the pages, over the real core and two in-memory Flowise servers: a credential
// copied from the Credentials page with its password typed, the flow check finding a missing
// credential and "Copy what is missing" copying it, and a key promoted from the Keys page with its
// new value revealed once. No typed or stored secret stays in the page.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { openSection, showAppOn } from '../../testing/show-app.js';
import { createTestCore } from '../../testing/test-core.js';

afterEach(cleanup);

const STORED = 'sk-prod-stored-SECRET-0123456789';
const TYPED = 'sk-staging-typed-SECRET-987654321';

async function twoInstances() {
  const fake = await createTestCore({
    instances: [{ name: 'Prod' }, { name: 'Staging', baseUrl: 'http://127.0.0.1:3001' }],
  });
  const [prod = '', staging = ''] = fake.instances.map((i) => i.id);
  const prodServer = await fake.serverOf(prod);
  const stagingServer = await fake.serverOf(staging);
  const credential = prodServer.state.addCredential('openai', 'openAIApi', {
    openAIApiKey: STORED,
  });
  return { fake, prodServer, stagingServer, credential };
}

const chooseTarget = (dialog: HTMLElement, label: string): void => {
  fireEvent.change(within(dialog).getByRole('combobox', { name: label }), {
    target: {
      value: within(dialog).getByRole('option', { name: 'Staging' }).getAttribute('value'),
    },
  });
};

/** Prod's key "deploy" (chatflows:view), its Promote dialog open with Staging chosen. */
async function promoteDeployToStaging() {
  const { fake, prodServer, stagingServer } = await twoInstances();
  prodServer.addKey('deploy', ['chatflows:view'], 'fkv-prod-deploy-VALUE-0123456789abc');
  await showAppOn(fake);
  openSection('Keys');
  fireEvent.click(await screen.findByRole('button', { name: /^Promote to instance… deploy/ }));
  const dialog = await screen.findByRole('dialog', { name: 'Promote deploy to another instance' });
  chooseTarget(dialog, 'Promote to instance');
  return { dialog, stagingServer };
}

describe('Promote between instances', () => {
  it('copies a credential to another instance with the same id from the Credentials page, the password typed', async () => {
    const { fake, stagingServer, credential } = await twoInstances();
    await showAppOn(fake);
    openSection('Credentials');
    fireEvent.click(await screen.findByRole('button', { name: 'Copy to instance… (openai)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Copy to instance' });
    chooseTarget(dialog, 'Copy to instance');
    const field = await within(dialog).findByLabelText('OpenAI Api Key for openai');
    fireEvent.change(field, { target: { value: TYPED } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    const results = await within(dialog).findByRole('list', { name: 'Copy results' });
    expect(results.textContent).toBe('openai: copied');
    expect(stagingServer.state.credentials.get(credential.id)?.data).toEqual({
      openAIApiKey: TYPED,
    });
    const html = document.documentElement.outerHTML;
    expect(html).not.toContain(TYPED);
    expect(html).not.toContain(STORED);
  });

  it('names a failed copy by its credential, even one gone from the source since the plan', async () => {
    const { fake, prodServer, credential } = await twoInstances();
    await showAppOn(fake);
    openSection('Credentials');
    fireEvent.click(await screen.findByRole('button', { name: 'Copy to instance… (openai)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Copy to instance' });
    chooseTarget(dialog, 'Copy to instance');
    await within(dialog).findByLabelText('OpenAI Api Key for openai');
    prodServer.state.credentials.delete(credential.id);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    const results = await within(dialog).findByRole('list', { name: 'Copy results' });
    expect(results.textContent).toMatch(/^openai: failed \(/);
  });

  it('checks a flow against another instance and copies what is missing', async () => {
    const { fake, prodServer, stagingServer, credential } = await twoInstances();
    const flow = prodServer.addChatflow('Support bot');
    flow.flowData = JSON.stringify({
      nodes: [{ id: 'chatOpenAI_0', data: { label: 'ChatOpenAI', credential: credential.id } }],
      edges: [],
    });
    await showAppOn(fake);
    openSection('Credentials');
    fireEvent.click(await screen.findByRole('button', { name: 'Flow check' }));
    const dialog = await screen.findByRole('dialog', { name: 'Flow check' });
    chooseTarget(dialog, 'Check against instance');
    const flowSelect = within(dialog).getByRole('combobox', { name: 'Flow' });
    await within(flowSelect).findByRole('option', { name: 'Support bot' });
    fireEvent.change(flowSelect, { target: { value: flow.id } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Check' }));
    const needs = await within(dialog).findByRole('region', { name: 'Credentials the flow needs' });
    expect(needs.textContent).toContain('openai (OpenAI API): missing on Staging.');
    expect(needs.textContent).toContain('Used by ChatOpenAI.');

    fireEvent.click(within(needs).getByRole('button', { name: 'Copy what is missing' }));
    const copy = await screen.findByRole('dialog', { name: 'Copy to instance' });
    fireEvent.change(await within(copy).findByLabelText('OpenAI Api Key for openai'), {
      target: { value: TYPED },
    });
    fireEvent.click(within(copy).getByRole('button', { name: 'Copy' }));
    await within(copy).findByRole('list', { name: 'Copy results' });
    expect(stagingServer.state.credentials.get(credential.id)?.name).toBe('openai');
  });

  it('promotes a key from the Keys page: same name and permissions on the other instance, its new value shown once', async () => {
    const { dialog, stagingServer } = await promoteDeployToStaging();
    await within(dialog).findByRole('radio', { name: 'A new value, shown once' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Promote' }));
    const shown = await within(dialog).findByTestId('revealed-key');
    const made = [...stagingServer.state.keys.values()].find((k) => k.keyName === 'deploy');
    expect(made?.permissions).toEqual(['chatflows:view']);
    await waitFor(() => {
      expect(shown.textContent).toBe(made?.apiKey);
    });
  });

  it("promotes a key with the permissions the person adjusts, starting from the source key's", async () => {
    const { dialog, stagingServer } = await promoteDeployToStaging();
    const permission = (key: string) =>
      within(dialog).findByRole<HTMLInputElement>('checkbox', {
        name: new RegExp(`\\(${key}\\)$`),
      });
    expect((await permission('chatflows:view')).checked).toBe(true);
    expect((await permission('credentials:view')).checked).toBe(false);
    fireEvent.click(await permission('credentials:view'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Promote' }));
    await within(dialog).findByTestId('revealed-key');
    const made = [...stagingServer.state.keys.values()].find((k) => k.keyName === 'deploy');
    expect([...(made?.permissions ?? [])].sort()).toEqual(['chatflows:view', 'credentials:view']);
  });
});
