// Two instances in one core: "dev" on the core fixture's fake Flowise and "prod" on a second fake
// of any release, for promote.* tests. Everything the renderer got back is kept for secret scans.
import type { Api } from '../../common/ipc/contract.js';
import type { FakeFlowise, FakeFlowiseOptions } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';
import { expectSecretsNowhere } from './credentials-fixture.js';

export interface PromoteFixture extends CoreFixture {
  /** The second server and its instance id; the first is `flowise` and `instanceId`. */
  target: FakeFlowise;
  targetId: string;
  /** The promote.* methods, each answer kept. */
  promote: Api['promote'];
  /** Fails if any value reached an answer, a log, an event or the audit log. */
  expectNowhere(secrets: readonly string[]): void;
  auditOf(action: string): AuditLine[];
}

/** An audit record as the export writes it. */
export interface AuditLine {
  action: string;
  instanceName?: string;
  subject?: { kind: string; name: string; id?: string };
  detail?: string;
  outcome: string;
}

export async function startPromoteFixture(
  source: FakeFlowiseOptions = {},
  target: FakeFlowiseOptions = {},
): Promise<PromoteFixture> {
  const f = await startCoreWithFlowise(source);
  const second = await startFakeFlowise(target);
  await f.api.instances.update(f.instanceId, { name: 'dev' });
  const { id: targetId } = await f.api.instances.add({
    name: 'prod',
    baseUrl: second.url,
    adminKey: second.adminKey,
  });
  const answers: unknown[] = [];
  const keep =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const answer = await call(...args);
      answers.push(answer);
      return answer;
    };
  const p = f.api.promote;
  return {
    ...f,
    target: second,
    targetId,
    promote: {
      credentialsPlan: keep(p.credentialsPlan),
      credentials: keep(p.credentials),
      keyPlan: keep(p.keyPlan),
      key: keep(p.key),
      flowCheck: keep(p.flowCheck),
    },
    expectNowhere(secrets) {
      expectSecretsNowhere(f, { name: 'answers', values: answers }, secrets);
    },
    auditOf(action) {
      const { records } = JSON.parse(f.core.audit.export().json) as { records: AuditLine[] };
      return records.filter((r) => r.action === action);
    },
    async close() {
      await f.close();
      await second.close();
    },
  };
}
