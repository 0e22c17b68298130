// Promotion between two real Flowise servers: the one npm test starts for this release (the source,
// "dev") and a second one of the same release that this file starts and stops itself (the target,
// "prod"; about 10 to 20 s to start from the cached install). Run on the 3.0.13+ line only, so a
// full npm test starts one extra server, not one per release.
// A credential is copied with its id; a flow exported from dev and imported into prod over REST
// answers its prediction there, and the credential its node names resolves on prod under the same
// id and type. (No credential-bearing node runs without a network, and Flowise reads a missing
// credential as empty rather than failing, so the reference is checked on prod directly.)
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { generationOfVersion } from '../../main/core/flowise/generation.js';
import { directReplyFlow } from '../fakes/fake-flowise-state.js';
import type { RunningFlowise } from '../flowise/flowise-server.js';
import { startFlowise } from '../flowise/flowise-server.js';
import { flowiseRest } from '../flowise/flowise-rest.js';
import type { RotationCore } from './rotation-fixture.js';
import { startRotationCore } from './rotation-fixture.js';

const flowise = inject('flowise');
const unique = (what: string): string => `fkv-real-${what}-${randomUUID().slice(0, 8)}`;
const dev = flowiseRest(flowise);
const cleanups: (() => Promise<unknown>)[] = [];
const PG_URL = `postgresql://app:${randomUUID()}@db.internal:5432/app`;

let prod: RunningFlowise | undefined;
let f: RotationCore;
let prodId = '';

interface CredentialAnswer {
  id: string;
  name: string;
  credentialName: string;
}

describe.runIf(generationOfVersion(flowise.version) === '3.0.13+')(
  `promote between two real Flowise servers (${flowise.version})`,
  () => {
    beforeAll(async () => {
      prod = await startFlowise({ version: flowise.version });
      f = await startRotationCore({
        url: flowise.url,
        adminKey: flowise.apiKey,
        timeoutMs: 15_000,
      });
      await f.api.instances.update(f.instanceId, { name: 'dev' });
      prodId = (
        await f.api.instances.add({ name: 'prod', baseUrl: prod.url, adminKey: prod.apiKey })
      ).id;
    }, 300_000);
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
      await f.close();
      await prod?.stop();
    }, 60_000);

    async function devCredential(
      credentialName: string,
      plainDataObj: Record<string, string>,
    ): Promise<CredentialAnswer> {
      const made = await dev.call<CredentialAnswer>('POST', '/credentials', {
        name: unique(credentialName),
        credentialName,
        plainDataObj,
      });
      cleanups.push(() => dev.call('DELETE', `/credentials/${made.id}`));
      return made;
    }

    it(
      'copies credentials from one real Flowise to another with the same id: the url through the reveal route, the password typed',
      { timeout: 60_000 },
      async () => {
        const pg = await devCredential('PostgresUrl', { postgresUrl: PG_URL });
        const openai = await devCredential('openAIApi', { openAIApiKey: `sk-${randomUUID()}` });
        const between = { fromInstanceId: f.instanceId, toInstanceId: prodId };
        const plan = await f.api.promote.credentialsPlan({ ...between, ids: [pg.id, openai.id] });
        expect(plan.supported).toBe(true);
        expect(plan.items.map((i) => [i.carried, i.unreadable.map((u) => u.name)])).toEqual([
          [['Postgres URL'], []],
          [[], ['openAIApiKey']],
        ]);
        const typed = `sk-prod-${randomUUID()}`;
        const result = await f.api.promote.credentials({
          ...between,
          items: [
            { id: pg.id, overwrite: false, secrets: {} },
            { id: openai.id, overwrite: false, secrets: { openAIApiKey: typed } },
          ],
        });
        expect(result.results.map((r) => r.outcome)).toEqual(['created', 'created']);
        const onProd = flowiseRest({ url: prod?.url ?? '', apiKey: prod?.apiKey ?? '' });
        expect(await onProd.call<CredentialAnswer>('GET', `/credentials/${pg.id}`)).toMatchObject({
          id: pg.id,
          name: pg.name,
          credentialName: 'PostgresUrl',
        });
        expect(await onProd.call('GET', `/credentials/${pg.id}/reveal`)).toEqual({
          plainDataObj: { postgresUrl: PG_URL },
        });
        expect(
          await onProd.call<CredentialAnswer>('GET', `/credentials/${openai.id}`),
        ).toMatchObject({ id: openai.id, credentialName: 'openAIApi' });
        const audit = f.core.audit.export().json;
        expect(audit).toContain(`to \\"prod\\" (${new URL(prod?.url ?? '').host})`);
        expect(audit).not.toContain(typed);
        expect(audit).not.toContain(PG_URL);
      },
    );

    it(
      'a flow exported from one real Flowise and imported into another over REST answers there, and the credential it names resolves with the same id once the missing one is copied',
      { timeout: 60_000 },
      async () => {
        const pg = await devCredential('PostgresUrl', { postgresUrl: PG_URL });
        const reply = unique('reply');
        const flowData = JSON.parse(directReplyFlow(reply)) as {
          nodes: { data: Record<string, unknown> }[];
        };
        for (const node of flowData.nodes) node.data['credential'] = pg.id;
        const made = await dev.call<{ id: string }>('POST', '/chatflows', {
          name: unique('flow'),
          type: 'AGENTFLOW',
          flowData: JSON.stringify(flowData),
        });
        cleanups.push(() => dev.call('DELETE', `/chatflows/${made.id}`));
        const exported = await dev.call<{ name: string; type: string; flowData: string }>(
          'GET',
          `/chatflows/${made.id}`,
        );

        const onProd = flowiseRest({ url: prod?.url ?? '', apiKey: prod?.apiKey ?? '' });
        const imported = await onProd.call<{ id: string }>('POST', '/chatflows', {
          name: exported.name,
          type: exported.type,
          flowData: exported.flowData,
        });
        const args = { fromInstanceId: f.instanceId, toInstanceId: prodId };
        const before = await f.api.promote.flowCheck({ ...args, chatflowId: made.id });
        expect(before.needs.map((n) => [n.id, n.status])).toEqual([[pg.id, 'missing']]);
        expect((await onProd.send('GET', `/credentials/${pg.id}`)).status).not.toBe(200);

        await f.api.promote.credentials({
          ...args,
          items: [{ id: pg.id, overwrite: false, secrets: {} }],
        });
        const after = await f.api.promote.flowCheck({ ...args, flowJson: exported.flowData });
        expect(after.needs).toEqual([expect.objectContaining({ id: pg.id, status: 'present' })]);
        expect(await onProd.call<CredentialAnswer>('GET', `/credentials/${pg.id}`)).toMatchObject({
          credentialName: 'PostgresUrl',
        });
        const answer = await onProd.call<{ text: string }>('POST', `/prediction/${imported.id}`, {
          question: 'hello',
        });
        expect(answer.text).toBe(reply);
      },
    );
  },
);
