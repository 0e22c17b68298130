import { describe, expect, it } from 'vitest';

import { AppError } from '../../common/errors.js';
import { createTestCore } from '../testing/test-core.js';
import { createCredentialsStore } from './credentials-store.js';

const SECRET = 'sk-store-test-SECRET-0123456789abcdef';
const NEW_SECRET = 'sk-store-test-ROTATED-9876543210zyx';

async function connected() {
  const fake = await createTestCore({
    instances: [
      { name: 'Prod', baseUrl: 'https://prod.example.com' },
      { name: 'Lab', baseUrl: 'https://lab.example.com' },
    ],
  });
  const [prod, lab] = fake.instances.map((i) => i.id);
  if (prod === undefined || lab === undefined) throw new Error('no instances');
  const store = createCredentialsStore(fake.api);
  const disconnect = store.getState().connect();
  return { fake, store, prod, lab, disconnect };
}

const names = (store: ReturnType<typeof createCredentialsStore>): string[] =>
  (store.getState().list?.credentials ?? []).map((c) => c.name);

describe('createCredentialsStore', () => {
  it('shows the chosen instance and forgets the previous one when switching', async () => {
    const { fake, store, prod, lab } = await connected();
    (await fake.serverOf(prod)).addCredential('Prod OpenAI', 'openAIApi', { openAIApiKey: SECRET });
    (await fake.serverOf(lab)).addCredential('Lab Jira', 'jiraApi', {
      username: 'a',
      accessToken: SECRET,
    });
    await store.getState().show(prod);
    expect(names(store)).toEqual(['Prod OpenAI']);
    expect(store.getState().list?.credentials[0]?.typeLabel).toBe('OpenAI API');

    const switching = store.getState().show(lab);
    expect(store.getState().list).toBeNull();
    await switching;
    expect(names(store)).toEqual(['Lab Jira']);
  });

  it('creates, edits and rotates without ever holding a secret', async () => {
    const { fake, store, prod } = await connected();
    await store.getState().show(prod);
    const created = await store.getState().create('openAIApi', 'Main', { openAIApiKey: SECRET });
    if (!created.ok) throw new Error(created.error.message);
    expect(names(store)).toEqual(['Main']);
    expect((await fake.serverOf(prod)).storedValue(created.value.id, 'openAIApiKey')).toBe(SECRET);

    const renamed = await store.getState().update(created.value.id, { name: 'Main renamed' });
    expect(renamed.ok).toBe(true);
    expect(names(store)).toEqual(['Main renamed']);
    expect((await fake.serverOf(prod)).storedValue(created.value.id, 'openAIApiKey')).toBe(SECRET);

    const rotated = await store.getState().rotate(created.value.id, 'openAIApiKey', NEW_SECRET, []);
    expect(rotated.ok).toBe(true);
    expect((await fake.serverOf(prod)).storedValue(created.value.id, 'openAIApiKey')).toBe(
      NEW_SECRET,
    );

    const edit = await store.getState().get(created.value.id);
    expect(edit.ok && edit.value.fields['openAIApiKey']).toEqual({ kind: 'secret', set: true });
    const state = JSON.stringify(store.getState());
    expect(state).not.toContain(SECRET);
    expect(state).not.toContain(NEW_SECRET);
  });

  it('hands back what main refused, without the value typed', async () => {
    const { store, prod } = await connected();
    await store.getState().show(prod);
    const outcome = await store.getState().create('jiraApi', 'Jira', { username: SECRET });
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'bad_request', details: { fields: 'accessToken' } },
    });
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
    expect(names(store)).toEqual([]);
  });

  it('keeps a failed load as the list error, and recovers on refresh', async () => {
    const { fake, store, prod } = await connected();
    fake.failNext(
      'credentials.list',
      new AppError('forbidden', 'The admin key cannot view credentials.'),
    );
    await store.getState().show(prod);
    expect(store.getState().listError?.message).toBe('The admin key cannot view credentials.');
    await store.getState().refresh();
    expect(store.getState().listError).toBeNull();
    expect(store.getState().list?.credentials).toEqual([]);
  });

  it('loads the type catalog once per instance', async () => {
    const { fake, store, prod } = await connected();
    await store.getState().show(prod);
    await store.getState().loadCatalog();
    await store.getState().loadCatalog();
    expect(fake.calls.filter((c) => c === 'credentials.types')).toHaveLength(1);
    expect(store.getState().catalog?.types.map((t) => t.name)).toContain('openAIApi');
  });

  it('needs the name typed to delete a credential a flow uses', async () => {
    const { fake, store, prod } = await connected();
    const seeded = (await fake.serverOf(prod)).addCredential('Used', 'openAIApi', {
      openAIApiKey: SECRET,
    });
    (await fake.serverOf(prod)).useCredentialIn(seeded.id, 'Support bot');
    await store.getState().show(prod);
    expect(store.getState().list?.credentials[0]?.usedBy.map((f) => f.name)).toEqual([
      'Support bot',
    ]);
    const refused = await store.getState().remove(seeded.id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });
    expect(names(store)).toEqual(['Used']);
    expect((await store.getState().remove(seeded.id, 'Used')).ok).toBe(true);
    expect(names(store)).toEqual([]);
  });

  it('empties on lock, and ignores answers from before it', async () => {
    const { fake, store, prod } = await connected();
    (await fake.serverOf(prod)).addCredential('Prod OpenAI', 'openAIApi', { openAIApiKey: SECRET });
    const loading = store.getState().show(prod);
    fake.lockFromMain('idle');
    await loading;
    expect(store.getState().list).toBeNull();
    expect(store.getState().instanceId).toBeNull();
  });
});
