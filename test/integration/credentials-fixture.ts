// credentials.* over the real core's parts (its vault-backed audit log, logger and events) and the
// fake Flowise, built on its own rather than through createCore so the instances it talks to are
// local records (several keys on one fake). Everything a renderer would get back (values and errors) is kept for the secret scan.
import { randomUUID } from 'node:crypto';

import { expect } from 'vitest';

import type { Envelope } from '../../common/ipc/define.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import type { FakeFlowiseOptions } from '../fakes/fake-flowise.js';
import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';
import type { CredentialsApi } from './credentials-api.js';
import { checkedCredentialsApi, clientsOver, instanceRecord } from './credentials-api.js';

export interface CredentialsFixture extends CoreFixture {
  credentials: CredentialsApi;
  /** Another instance on the same fake, reached with the given key; returns its id. */
  addInstance(name: string, apiKey: string): string;
  /** Every envelope the handlers answered with: exactly what a renderer would receive. */
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
  const records = new Map([
    [f.instanceId, instanceRecord(f.instanceId, 'fake', f.flowise.url, f.flowise.adminKey)],
  ]);
  const returned: Envelope<unknown>[] = [];
  const credentials = checkedCredentialsApi(
    { clients: clientsOver(records, createNodeHttp()), audit: f.core.audit, clock: f.clock },
    returned,
  );
  return {
    ...f,
    credentials,
    addInstance(name, apiKey) {
      const id = randomUUID();
      records.set(id, instanceRecord(id, name, f.flowise.url, apiKey));
      return id;
    },
    returned,
    expectNowhere(secrets) {
      expectSecretsNowhere(f, { name: 'returned', values: returned }, secrets);
    },
    bodies(method, pathPrefix) {
      return f.flowise.log
        .filter((r) => r.method === method && r.url.startsWith(`/api/v1${pathPrefix}`))
        .map((r) => JSON.parse(r.body) as Record<string, unknown>);
    },
  };
}

/** Fails naming the place when any secret shows in what the core answered (`answers`), logged,
 * announced or audited. */
export function expectSecretsNowhere(
  f: CoreFixture,
  answers: { name: string; values: unknown },
  secrets: readonly string[],
): void {
  const seen = {
    [answers.name]: JSON.stringify(answers.values),
    logs: JSON.stringify(f.logger.lines),
    events: JSON.stringify(f.events.events),
    audit: f.core.audit.export().json,
  };
  for (const secret of secrets)
    for (const [where, text] of Object.entries(seen))
      expect(text.includes(secret), `a secret reached ${where}`).toBe(false);
}
