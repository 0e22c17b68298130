// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import type { FakeApi } from '../../testing/fake-api.js';
import { showFakeApp as showApp } from '../../testing/show-fake-app.js';

const SECRET = 'sk-page-test-SECRET-0123456789abcdef';
const NEW_SECRET = 'sk-page-test-ROTATED-9876543210zyxw';

afterEach(cleanup);

async function showCredentials(seed?: (fake: FakeApi, instanceId: string) => void) {
  const shown = await showApp({
    instances: [{ name: 'Prod', baseUrl: 'https://prod.example.com', adminKey: 'fkv-admin-0123' }],
  });
  const instanceId = shown.fake.instances.snapshot().instances[0]?.id ?? '';
  seed?.(shown.fake, instanceId);
  fireEvent.click(screen.getByRole('button', { name: 'Credentials' }));
  return { ...shown, instanceId };
}

const row = (name: string): HTMLElement =>
  within(screen.getByRole('list', { name: 'Credentials' })).getByRole('listitem', { name });
const type = (label: string, value: string): void => {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
};
const click = (name: string): void => {
  fireEvent.click(screen.getByRole('button', { name }));
};
/** What the page's live region last said. */
const announced = (): string =>
  screen.getAllByRole('status').find((el) => el.classList.contains('visually-hidden'))
    ?.textContent ?? '';
const secretsGone = (): void => {
  const html = document.documentElement.outerHTML;
  expect(html).not.toContain(SECRET);
  expect(html).not.toContain(NEW_SECRET);
};

describe('CredentialsPage', () => {
  it('lists credentials with type, dates and the flows that use them, and searches', async () => {
    await showCredentials((fake, id) => {
      const openai = fake.credentials.seed(id, 'Prod OpenAI', 'openAIApi', {
        openAIApiKey: SECRET,
      });
      fake.credentials.useIn(id, openai.id, 'Support bot');
      fake.credentials.seed(id, 'Jira bot', 'jiraApi', { username: 'me', accessToken: SECRET });
    });
    const prod = await waitFor(() => row('Prod OpenAI'));
    expect(prod.textContent).toContain('OpenAI API');
    expect(prod.textContent).toContain('Used by "Support bot".');
    expect(prod.textContent).toContain('Created');
    expect(row('Jira bot').textContent).toContain('No flow uses it.');

    type('Search credentials', 'jira');
    expect(screen.queryByRole('listitem', { name: 'Prod OpenAI' })).toBeNull();
    type('Search credentials', '');
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'openAIApi' } });
    expect(screen.queryByRole('listitem', { name: 'Jira bot' })).toBeNull();
    expect(row('Prod OpenAI')).toBeTruthy();
    secretsGone();
  });

  it('creates a credential from a searched type, and keeps no secret in the page', async () => {
    const { fake, instanceId } = await showCredentials();
    await screen.findByRole('heading', { name: 'No credentials yet' });
    click('New credential');
    type('Search credential types', 'open ai');
    const types = screen.getByRole('list', { name: 'Credential types' });
    await within(types).findByRole('button', { name: 'OpenAI API' });
    expect(
      within(types)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['OpenAI API']);
    fireEvent.click(within(types).getByRole('button', { name: 'OpenAI API' }));
    type('Credential name', 'Main OpenAI');
    const key = screen.getByLabelText('OpenAI Api Key');
    expect(key.getAttribute('type')).toBe('password');
    type('OpenAI Api Key', SECRET);
    expect(key.getAttribute('value')).toBeNull();
    click('Create credential');

    await waitFor(() => row('Main OpenAI'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(announced()).toBe('Main OpenAI created.');
    const created = fake.credentials.storedValue(instanceId, 'cred-1', 'openAIApiKey');
    expect(created).toBe(SECRET);
    secretsGone();
  });

  it('draws each input type with its default, optional mark and description', async () => {
    const { fake, instanceId } = await showCredentials();
    await screen.findByRole('heading', { name: 'No credentials yet' });
    click('New credential');
    fireEvent.click(await screen.findByRole('button', { name: 'Redis API' }));
    expect(screen.getByLabelText<HTMLInputElement>('Redis Host').value).toBe('127.0.0.1');
    expect(screen.getByLabelText('Password (optional)').getAttribute('type')).toBe('password');
    expect(screen.getByLabelText('Mode (optional)').tagName).toBe('SELECT');
    type('Credential name', 'Cache');
    type('Port', '6380');
    fireEvent.click(screen.getByLabelText('Use SSL (optional)'));
    fireEvent.change(screen.getByLabelText('Mode (optional)'), { target: { value: 'cluster' } });
    click('Create credential');
    await waitFor(() => row('Cache'));
    const stored = (field: string) => fake.credentials.storedValue(instanceId, 'cred-1', field);
    expect([stored('redisCachePort'), stored('redisCacheSslEnabled'), stored('redisMode')]).toEqual(
      ['6380', true, 'cluster'],
    );

    click('New credential');
    fireEvent.click(await screen.findByRole('button', { name: 'Google Vertex Auth' }));
    const json = screen.getByLabelText('Credential JSON Object (optional)');
    expect(json.tagName).toBe('TEXTAREA');
    expect(screen.getByText('The service account key as JSON.')).toBeTruthy();
    expect(screen.getByLabelText('Endpoint URL (optional)').getAttribute('type')).toBe('url');
  });

  it('shows main’s validation and marks the fields it names', async () => {
    await showCredentials();
    await screen.findByRole('heading', { name: 'No credentials yet' });
    click('New credential');
    await screen.findByRole('button', { name: 'Jira API' });
    type('Search credential types', 'jira');
    // Enter takes the only match.
    fireEvent.keyDown(screen.getByLabelText('Search credential types'), { key: 'Enter' });
    click('Create credential');
    expect(await screen.findByText('Give the credential a name.')).toBeTruthy();
    type('Credential name', 'Jira');
    type('User Name', 'me@example.com');
    click('Create credential');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Check this field: Access Token is required.');
    expect(screen.getByLabelText('Access Token').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('User Name').getAttribute('aria-invalid')).toBeNull();
  });

  it('renames without sending the stored secret, then replaces it when typed', async () => {
    const { fake, instanceId } = await showCredentials((f, id) => {
      f.credentials.seed(id, 'Jira bot', 'jiraApi', { username: 'me', accessToken: SECRET });
    });
    fireEvent.click(
      within(await waitFor(() => row('Jira bot'))).getByRole('button', { name: 'Edit (Jira bot)' }),
    );
    const token = await screen.findByLabelText('Access Token');
    expect(screen.getByText(/Set — type to replace\./)).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('User Name').value).toBe('me');
    expect((token as HTMLInputElement).value).toBe('');
    type('Credential name', 'Jira renamed');
    click('Save changes');
    await waitFor(() => row('Jira renamed'));
    // A rename alone sends no field at all.
    expect(fake.credentials.updates).toEqual([{}]);
    expect(fake.credentials.storedValue(instanceId, 'cred-1', 'accessToken')).toBe(SECRET);

    fireEvent.click(
      within(row('Jira renamed')).getByRole('button', { name: 'Edit (Jira renamed)' }),
    );
    await screen.findByLabelText('Access Token');
    type('Access Token', NEW_SECRET);
    click('Save changes');
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(fake.credentials.updates[1]).toEqual({ accessToken: NEW_SECRET });
    expect(fake.credentials.storedValue(instanceId, 'cred-1', 'accessToken')).toBe(NEW_SECRET);
    secretsGone();
  });

  it('says why a credential cannot be opened for editing', async () => {
    const { fake } = await showCredentials((f, id) => {
      f.credentials.seed(id, 'Jira bot', 'jiraApi', { username: 'me', accessToken: SECRET });
    });
    const message =
      'The admin key of Prod can view credentials but not open one: that needs credentials:create or credentials:update.';
    fake.failNext('credentials.get', new AppError('forbidden', message));
    fireEvent.click(
      within(await waitFor(() => row('Jira bot'))).getByRole('button', { name: 'Edit (Jira bot)' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(screen.queryByLabelText('Access Token')).toBeNull();
  });

  it('rotates a secret after showing the flows that use it', async () => {
    const { fake, instanceId } = await showCredentials((f, id) => {
      const c = f.credentials.seed(id, 'Prod OpenAI', 'openAIApi', { openAIApiKey: SECRET });
      f.credentials.useIn(id, c.id, 'Support bot');
    });
    fireEvent.click(
      within(await waitFor(() => row('Prod OpenAI'))).getByRole('button', {
        name: 'Rotate secret (Prod OpenAI)',
      }),
    );
    await screen.findByLabelText('New OpenAI Api Key');
    type('New OpenAI Api Key', NEW_SECRET);
    click('Review flows');
    const flows = await screen.findByRole('list', { name: 'Flows that use it' });
    expect(flows.textContent).toContain('Support bot');
    fake.credentials.useIn(instanceId, 'cred-1', 'Late flow');
    click('Rotate secret');
    expect((await screen.findByRole('alert')).textContent).toContain('"Late flow" started using');
    await waitFor(() => {
      expect(screen.getByRole('list', { name: 'Flows that use it' }).textContent).toContain(
        'Late flow',
      );
    });
    click('Rotate secret');
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(fake.credentials.storedValue(instanceId, 'cred-1', 'openAIApiKey')).toBe(NEW_SECRET);
    expect(announced()).toBe('OpenAI Api Key of Prod OpenAI rotated.');
    secretsGone();
  });

  it('names the flows that use a credential and wants its name typed before deleting', async () => {
    await showCredentials((f, id) => {
      const c = f.credentials.seed(id, 'Prod OpenAI', 'openAIApi', { openAIApiKey: SECRET });
      f.credentials.useIn(id, c.id, 'Support bot');
    });
    fireEvent.click(
      within(await waitFor(() => row('Prod OpenAI'))).getByRole('button', {
        name: 'Delete (Prod OpenAI)',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('list', { name: 'Flows that use it' }).textContent).toBe(
      'Support bot',
    );
    const remove = within(dialog).getByRole('button', { name: 'Delete credential' });
    expect((remove as HTMLButtonElement).disabled).toBe(true);
    type('Type "Prod OpenAI" to confirm', 'Prod OpenAI');
    fireEvent.click(remove);
    await screen.findByRole('heading', { name: 'No credentials yet' });
    expect(announced()).toBe('Prod OpenAI deleted.');
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'New credential' }));
    });
  });
});
