// credentials.* over the real core's parts (its vault-backed audit log, logger and events) and the
// fake Flowise, called through checked handlers built from the same method table the contract will
// use. create-core does not wire the service yet, so the instances it talks to are local records.
// Everything a renderer would get back (values and errors) is kept for the secret scan.
import { randomUUID } from 'node:crypto';

import { expect } from 'vitest';

import { createApi, createRawApi } from '../../common/ipc/client.js';
import { credentialsMethods } from '../../common/ipc/credentials-methods.js';
import type { ApiOf, Envelope } from '../../common/ipc/define.js';
import { buildHandlers } from '../../common/ipc/rpc.js';
import { createCredentialServices } from '../../main/core/credentials/credential-services.js';
import type { CredentialsDeps } from '../../main/core/credentials/credentials-deps.js';
import { createFlowiseClient } from '../../main/core/flowise/flowise-client.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import type { InstanceRecord } from '../../main/core/instances/instance-store.js';
import { profileOf } from '../../main/core/instances/instances-service.js';
import type { FakeFlowiseOptions } from '../fakes/fake-flowise.js';
import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';

const contract = { methods: { credentials: credentialsMethods }, events: {} } as const;
export type CredentialsApi = ApiOf<typeof contract>['credentials'];

export interface CredentialsFixture extends CoreFixture {
  credentials: CredentialsApi;
  /** Another instance on the same fake, reached with the given key; returns its id. */
  addInstance(name: string, apiKey: string): string;
  /** The credentials API of that instance is the same object; pass its id. */
  returned: Envelope<unknown>[];
  /** Fails the test if any of these values reached the renderer, a log, an event or the audit. */
  expectNowhere(secrets: readonly string[]): void;
  /** The bodies of the requests the fake got, e.g. every PUT /credentials/:id. */
  bodies(method: string, pathPrefix: string): Record<string, unknown>[];
}

export async function startCredentialsFixture(
  options: FakeFlowiseOptions = {},
): Promise<CredentialsFixture> {
  const f = await startCoreWithFlowise(options);
  const http = createNodeHttp();
  const record = (id: string, name: string, adminKey: string): InstanceRecord => ({
    id,
    name,
    baseUrl: f.flowise.url,
    adminKey,
    allowSelfSigned: false,
    allowInsecureHttp: false,
    timeoutMs: 10_000,
    colour: '#4f6bed',
    createdAt: 0,
    updatedAt: 0,
  });
  const records = new Map([[f.instanceId, record(f.instanceId, 'fake', f.flowise.adminKey)]]);
  const recordOf = (id: string): InstanceRecord => {
    const found = records.get(id);
    if (found === undefined) throw new Error(`no instance ${id}`);
    return found;
  };
  const deps: CredentialsDeps = {
    clients: {
      record: recordOf,
      client: (id) => createFlowiseClient({ http, ...profileOf(recordOf(id)) }),
    },
    audit: f.core.audit,
    clock: f.clock,
  };
  const handlers = buildHandlers(
    contract,
    { credentials: createCredentialServices(deps) },
    { checkResults: true },
  );
  const returned: Envelope<unknown>[] = [];
  const raw = createRawApi(
    contract,
    async (channel, args) => {
      const handler = handlers.get(channel);
      if (handler === undefined) throw new Error(`no handler for ${channel}`);
      const envelope = await handler(args);
      returned.push(envelope);
      return envelope;
    },
    () => () => undefined,
  );
  return {
    ...f,
    credentials: createApi(contract, raw).credentials,
    addInstance(name, apiKey) {
      const id = randomUUID();
      records.set(id, record(id, name, apiKey));
      return id;
    },
    returned,
    expectNowhere(secrets) {
      const seen = {
        returned: JSON.stringify(returned),
        logs: JSON.stringify(f.logger.lines),
        events: JSON.stringify(f.events.events),
        audit: f.core.audit.export().json,
      };
      for (const secret of secrets)
        for (const [where, text] of Object.entries(seen))
          expect(text.includes(secret), `a secret reached ${where}`).toBe(false);
    },
    bodies(method, pathPrefix) {
      return f.flowise.log
        .filter((r) => r.method === method && r.url.startsWith(`/api/v1${pathPrefix}`))
        .map((r) => JSON.parse(r.body) as Record<string, unknown>);
    },
  };
}
