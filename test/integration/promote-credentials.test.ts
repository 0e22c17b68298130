// promote.credentialsPlan and promote.credentials between two fake Flowise servers: the same id on
// the target, what Flowise never gives back typed by the person, a credential of that id on the
// target replaced only when asked, servers before 3.0.5 refused with why, every copy audited with
// both instances named, and no value anywhere the renderer or the audit can see.
import { afterEach, describe, expect, it } from 'vitest';

import { isAppError } from '../../common/errors.js';
import type { PromoteFixture } from './promote-fixture.js';
import { startPromoteFixture } from './promote-fixture.js';

let f: PromoteFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const OPENAI_SECRET = 'sk-dev-secret-0123456789';
const PG_URL = 'postgresql://app:pg-dev-password@db.internal/app';

describe('promote.credentials', () => {
  it('copies credentials to another instance with the same id: addresses through the reveal route, passwords typed', async () => {
    f = await startPromoteFixture();
    const openai = f.flowise.state.addCredential('openai-dev', 'openAIApi', {
      openAIApiKey: OPENAI_SECRET,
    });
    const pg = f.flowise.state.addCredential('pg-dev', 'PostgresUrl', { postgresUrl: PG_URL });
    const jira = f.flowise.state.addCredential('jira', 'jiraApi', {
      username: 'ops@example.com',
      accessToken: 'jira-token-secret',
    });
    const ids = [openai.id, pg.id, jira.id];
    const between = { fromInstanceId: f.instanceId, toInstanceId: f.targetId };

    const plan = await f.promote.credentialsPlan({ ...between, ids });
    expect(plan.supported).toBe(true);
    expect(plan.readNote).toContain('reveal route');
    const byId = new Map(plan.items.map((i) => [i.id, i]));
    expect(byId.get(openai.id)?.unreadable).toEqual([
      { name: 'openAIApiKey', label: 'OpenAI Api Key', optional: false },
    ]);
    expect(byId.get(pg.id)).toMatchObject({ carried: ['Postgres URL'], unreadable: [] });
    expect(byId.get(jira.id)?.carried).toEqual(['User Name']);

    const typedToken = 'jira-token-typed-for-prod';
    const result = await f.promote.credentials({
      ...between,
      items: [
        { id: openai.id, overwrite: false, secrets: { openAIApiKey: 'sk-prod-typed-987654' } },
        { id: pg.id, overwrite: false, secrets: {} },
        { id: jira.id, overwrite: false, secrets: { accessToken: typedToken } },
      ],
    });
    expect(result.results.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);
    const onProd = f.target.state.credentials;
    expect(onProd.get(openai.id)).toMatchObject({
      name: 'openai-dev',
      credentialName: 'openAIApi',
      data: { openAIApiKey: 'sk-prod-typed-987654' },
    });
    expect(onProd.get(pg.id)?.data).toEqual({ postgresUrl: PG_URL });
    expect(onProd.get(jira.id)?.data).toEqual({
      username: 'ops@example.com',
      accessToken: typedToken,
    });
    expect(f.flowise.log.some((r) => r.url.endsWith(`/credentials/${pg.id}/reveal`))).toBe(true);

    const audit = f.auditOf('credential.promote');
    expect(audit).toHaveLength(3);
    for (const record of audit) {
      expect(record).toMatchObject({ outcome: 'ok', instanceName: 'prod' });
      expect(record.detail).toMatch(/from "dev" \(127\.0\.0\.1:\d+\) to "prod"/);
    }
    f.expectNowhere([OPENAI_SECRET, 'pg-dev-password', 'jira-token-secret', typedToken]);
  });

  it('refuses a credential whose required secret was neither readable nor typed, naming the field and the credential', async () => {
    f = await startPromoteFixture();
    const openai = f.flowise.state.addCredential('openai-dev', 'openAIApi', {
      openAIApiKey: OPENAI_SECRET,
    });
    const result = await f.promote.credentials({
      fromInstanceId: f.instanceId,
      toInstanceId: f.targetId,
      items: [{ id: openai.id, overwrite: false, secrets: {} }],
    });
    // Named as the person knows it, not by its id.
    expect(result.results[0]).toMatchObject({ outcome: 'failed', name: 'openai-dev' });
    expect(result.results[0]?.message).toContain('OpenAI Api Key is required');
    expect(f.target.state.credentials.has(openai.id)).toBe(false);
    const [record] = f.auditOf('credential.promote');
    expect(record).toMatchObject({ outcome: 'failed', subject: { name: 'openai-dev' } });
  });

  it('shows both names and types when the id exists on the target, and overwrites only when asked, keeping secrets left empty', async () => {
    f = await startPromoteFixture();
    const source = f.flowise.state.addCredential('jira-dev', 'jiraApi', {
      username: 'dev@example.com',
      accessToken: 'dev-token-secret',
    });
    f.target.state.addCredential(
      'jira-prod',
      'jiraApi',
      { username: 'prod@example.com', accessToken: 'prod-token-kept' },
      source.id,
    );
    const between = { fromInstanceId: f.instanceId, toInstanceId: f.targetId };
    const plan = await f.promote.credentialsPlan({ ...between, ids: [source.id] });
    expect(plan.items[0]).toMatchObject({
      name: 'jira-dev',
      typeLabel: 'Jira API',
      existing: { name: 'jira-prod', credentialName: 'jiraApi', typeLabel: 'Jira API' },
    });

    const kept = await f.promote.credentials({
      ...between,
      items: [{ id: source.id, overwrite: false, secrets: {} }],
    });
    expect(kept.results[0]?.outcome).toBe('skipped');
    expect(kept.results[0]?.message).toContain('"jira-prod"');
    expect(f.target.state.credentials.get(source.id)?.name).toBe('jira-prod');

    const replaced = await f.promote.credentials({
      ...between,
      items: [{ id: source.id, overwrite: true, secrets: {} }],
    });
    expect(replaced.results[0]?.outcome).toBe('overwritten');
    expect(f.target.state.credentials.get(source.id)).toMatchObject({
      name: 'jira-dev',
      data: { username: 'dev@example.com', accessToken: 'prod-token-kept' },
    });
    // Never a POST over an existing id: Flowise would replace the credential whole, secrets too.
    expect(
      f.target.log.filter((r) => r.method === 'POST' && r.url.endsWith('/credentials')),
    ).toEqual([]);
    expect(f.auditOf('credential.promote')[0]?.detail).toContain('over "jira-prod" (Jira API)');
    f.expectNowhere(['dev-token-secret', 'prod-token-kept']);
  });

  it('refuses a target before Flowise 3.0.5 with words that say why, and sends nothing', async () => {
    f = await startPromoteFixture({}, { generation: '3.0.1-3.0.12', version: '3.0.4' });
    const source = f.flowise.state.addCredential('pg', 'PostgresUrl', { postgresUrl: PG_URL });
    const between = { fromInstanceId: f.instanceId, toInstanceId: f.targetId };
    const plan = await f.promote.credentialsPlan({ ...between, ids: [source.id] });
    expect(plan.supported).toBe(false);
    expect(plan.refusal).toBe(
      '"prod" runs Flowise 3.0.4. Flowise accepts a credential with a chosen id only from 3.0.5; before that every copy would get a new id, and a flow moved there would not find its credentials. Upgrade it to Flowise 3.0.5 or newer to copy credentials with their ids.',
    );
    const refused = await f.promote
      .credentials({ ...between, items: [{ id: source.id, overwrite: false, secrets: {} }] })
      .catch((error: unknown) => error);
    expect(isAppError(refused, 'precondition_failed')).toBe(true);
    expect(f.target.log.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('reads a source before 3.1.3 without the reveal route: its plain-string addresses are carried as stored', async () => {
    f = await startPromoteFixture({ generation: '3.0.1-3.0.12', version: '3.0.12' });
    const pg = f.flowise.state.addCredential('pg', 'PostgresUrl', { postgresUrl: PG_URL });
    const between = { fromInstanceId: f.instanceId, toInstanceId: f.targetId };
    const plan = await f.promote.credentialsPlan({ ...between, ids: [pg.id] });
    expect(plan.readNote).toContain('has no reveal route');
    await f.promote.credentials({
      ...between,
      items: [{ id: pg.id, overwrite: false, secrets: {} }],
    });
    expect(f.target.state.credentials.get(pg.id)?.data).toEqual({ postgresUrl: PG_URL });
    expect(f.flowise.log.some((r) => r.url.includes('/reveal'))).toBe(false);
  });
});
