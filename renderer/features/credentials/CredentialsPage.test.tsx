// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { UpdateCredentialArgs } from '../../../common/ipc/schemas/credentials.js';
import type { MemoryServer } from '../../testing/memory-flowise.js';
import { showApp } from '../../testing/show-app.js';

const SECRET = 'sk-page-test-SECRET-0123456789abcdef';
const NEW_SECRET = 'sk-page-test-ROTATED-9876543210zyxw';

afterEach(cleanup);

/** The Credentials section of "Prod", whose Flowise `seed` fills first. */
async function showCredentials(seed?: (server: MemoryServer) => void) {
  const shown = await showApp({ instances: [{ name: 'Prod' }] });
  const { server } = shown.fake;
  seed?.(server);
  fireEvent.click(screen.getByRole('button', { name: 'Credentials' }));
  /** A field of the credential named `name`, as the server keeps it. */
  const stored = (name: string, field: string): unknown => {
    const found = [...server.state.credentials.values()].find((c) => c.name === name);
    return found === undefined ? undefined : server.storedValue(found.id, field);
  };
  return { ...shown, server, stored };
}

/** The changes of every credentials.update the page sends, as sent. */
function recordChanges(api: Awaited<ReturnType<typeof showApp>>['fake']['api']) {
  const changes: UpdateCredentialArgs['changes'][] = [];
  const update = api.credentials.update;
  Object.assign(api.credentials, {
    update: (args: UpdateCredentialArgs) => {
      changes.push(args.changes ?? {});
      return update(args);
    },
  });
  return changes;
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
    await showCredentials((server) => {
      const openai = server.addCredential('Prod OpenAI', 'openAIApi', { openAIApiKey: SECRET });
      server.useCredentialIn(openai.id, 'Support bot');
      server.addCredential('Jira bot', 'jiraApi', { username: 'me', accessToken: SECRET });
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
    const { stored } = await showCredentials();
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
    // The list refreshes before the dialog hears its answer: wait for the dialog to close.
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(announced()).toBe('Main OpenAI created.');
    expect(stored('Main OpenAI', 'openAIApiKey')).toBe(SECRET);
    secretsGone();
  });

  it('draws each input type with its default, optional mark and description', async () => {
    const { stored } = await showCredentials();
    await screen.findByRole('heading', { name: 'No credentials yet' });
    click('New credential');
    fireEvent.click(await screen.findByRole('button', { name: 'Redis API' }));
    expect(screen.getByLabelText<HTMLInputElement>('Redis Host').value).toBe('127.0.0.1');
    expect(screen.getByLabelText('Password').getAttribute('type')).toBe('password');
    type('Credential name', 'Cache');
    type('Port', '6380');
    type('User', 'cache');
    type('Password', SECRET);
    fireEvent.click(screen.getByLabelText('Use SSL'));
    click('Create credential');
    await waitFor(() => row('Cache'));
    expect(
      ['redisCachePort', 'redisCacheSslEnabled', 'redisCachePwd'].map((f) => stored('Cache', f)),
    ).toEqual(['6380', true, SECRET]);

    click('New credential');
    fireEvent.click(await screen.findByRole('button', { name: 'IBM Watsonx' }));
    const auth = screen.getByLabelText<HTMLSelectElement>('Watsonx AI Auth Type');
    expect([auth.tagName, auth.value]).toEqual(['SELECT', 'iam']);
    expect(screen.getByLabelText('Watsonx AI IAM API Key (optional)').getAttribute('type')).toBe(
      'password',
    );
    expect(screen.getByText('API Key for Watsonx AI when using IAM')).toBeTruthy();
    click('Cancel');

    click('New credential');
    fireEvent.click(await screen.findByRole('button', { name: 'HTTP Headers' }));
    expect(screen.getByLabelText('Headers').tagName).toBe('TEXTAREA');
    click('Cancel');

    click('New credential');
    fireEvent.click(await screen.findByRole('button', { name: 'Postgres URL' }));
    expect(screen.getByLabelText('Postgres URL').getAttribute('type')).toBe('url');
    secretsGone();
  });

  it('names each empty required field in the form, sending nothing until they are filled', async () => {
    const { fake, stored } = await showCredentials();
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
    expect(await screen.findByText('Access Token is required.')).toBeTruthy();
    const token = screen.getByLabelText('Access Token');
    expect(token.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(token);
    expect(screen.getByLabelText('User Name').getAttribute('aria-invalid')).toBeNull();
    expect(fake.calls).not.toContain('credentials.create');

    type('Access Token', SECRET);
    expect(screen.queryByText('Access Token is required.')).toBeNull();
    click('Create credential');
    await waitFor(() => row('Jira'));
    expect(stored('Jira', 'accessToken')).toBe(SECRET);
    secretsGone();
  });

  it('stops an edit that empties a required field, and keeps a blank secret as stored', async () => {
    const { fake } = await showCredentials((server) => {
      server.addCredential('Jira bot', 'jiraApi', { username: 'me', accessToken: SECRET });
    });
    fireEvent.click(
      within(await waitFor(() => row('Jira bot'))).getByRole('button', { name: 'Edit (Jira bot)' }),
    );
    await screen.findByLabelText('Access Token');
    type('User Name', '');
    click('Save changes');
    expect(await screen.findByText('User Name is required.')).toBeTruthy();
    expect(screen.queryByText('Access Token is required.')).toBeNull();
    expect(fake.calls).not.toContain('credentials.update');
  });

  it('shows main’s validation and marks the fields it names', async () => {
    await showCredentials();
    await screen.findByRole('heading', { name: 'No credentials yet' });
    click('New credential');
    fireEvent.click(await screen.findByRole('button', { name: 'Postgres URL' }));
    type('Credential name', 'Warehouse');
    type('Postgres URL', 'warehouse');
    click('Create credential');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Check this field: Postgres URL must be a full address with its scheme, such as https://… or redis://….',
    );
    expect(screen.getByLabelText('Postgres URL').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Credential name').getAttribute('aria-invalid')).toBeNull();
  });

  it('renames without sending the stored secret, then replaces it when typed', async () => {
    const { fake, stored } = await showCredentials((server) => {
      server.addCredential('Jira bot', 'jiraApi', { username: 'me', accessToken: SECRET });
    });
    const changes = recordChanges(fake.api);
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
    expect(changes).toEqual([{}]);
    expect(stored('Jira renamed', 'accessToken')).toBe(SECRET);

    fireEvent.click(
      within(row('Jira renamed')).getByRole('button', { name: 'Edit (Jira renamed)' }),
    );
    await screen.findByLabelText('Access Token');
    type('Access Token', NEW_SECRET);
    click('Save changes');
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(changes[1]).toEqual({ accessToken: NEW_SECRET });
    expect(stored('Jira renamed', 'accessToken')).toBe(NEW_SECRET);
    secretsGone();
  });

  it('says in the edit dialog that Flowise offers no way to test a credential from here', async () => {
    await showCredentials((server) => {
      server.addCredential('Jira bot', 'jiraApi', { username: 'me', accessToken: SECRET });
    });
    fireEvent.click(
      within(await waitFor(() => row('Jira bot'))).getByRole('button', { name: 'Edit (Jira bot)' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit Jira bot' });
    await within(dialog).findByLabelText('Access Token');
    expect(
      within(dialog).getByText(
        'Flowise offers no way to test a credential from outside its editor; test it by running a flow that uses it.',
      ),
    ).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /test/i })).toBeNull();
  });

  it('says why a credential cannot be opened for editing', async () => {
    await showCredentials((server) => {
      server.addCredential('Jira bot', 'jiraApi', { username: 'me', accessToken: SECRET });
      server.adminKey.permissions = server.adminKey.permissions.filter(
        (p) => p !== 'credentials:create' && p !== 'credentials:update',
      );
    });
    const message =
      'The API key of "Prod" can list credentials but not open one. Since Flowise 3.1.3, opening a credential to edit it needs credentials:create or credentials:update; credentials:view alone is refused (403). Give the key credentials:update, or use a key that has it.';
    fireEvent.click(
      within(await waitFor(() => row('Jira bot'))).getByRole('button', { name: 'Edit (Jira bot)' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(screen.queryByLabelText('Access Token')).toBeNull();
  });

  it('rotates a secret after showing the flows that use it', async () => {
    const { server, stored } = await showCredentials((server) => {
      const c = server.addCredential('Prod OpenAI', 'openAIApi', { openAIApiKey: SECRET });
      server.useCredentialIn(c.id, 'Support bot');
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
    server.useCredentialIn([...server.state.credentials.keys()][0] ?? '', 'Late flow');
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
    expect(stored('Prod OpenAI', 'openAIApiKey')).toBe(NEW_SECRET);
    expect(announced()).toBe('OpenAI Api Key of Prod OpenAI rotated.');
    secretsGone();
  });

  it('names the flows that use a credential and wants its name typed before deleting', async () => {
    const { server } = await showCredentials((server) => {
      const c = server.addCredential('Prod OpenAI', 'openAIApi', { openAIApiKey: SECRET });
      server.useCredentialIn(c.id, 'Support bot');
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
    // The list refreshes before the dialog hears its answer, and announces.
    await waitFor(() => {
      expect(announced()).toBe('Prod OpenAI deleted.');
    });
    expect(server.state.credentials.size).toBe(0);
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'New credential' }));
    });
  });
});
