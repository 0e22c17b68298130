// Picks how the dialog's "Test connection" runs: a new instance is tested as typed; an edit is
// tested by main as the saved profile with the typed changes, since main never hands a saved key
// or certificate back. A new address or trust setting also carries the master password, if given.
import type {
  ConnectionReport,
  InstanceReauth,
  InstanceSummary,
} from '../../../common/ipc/schemas/instances.js';
import type { InstancesStoreState } from '../../stores/instances-store.js';
import type { Outcome } from '../../stores/store-kit.js';
import type { TestResult } from './ConnectionResult.js';
import type { InstanceFormValues } from './instance-form.js';
import { toDraft, toPatch } from './instance-form.js';

type Tester = Pick<InstancesStoreState, 'test' | 'testDraft' | 'testEdit'>;

export const asResult = (outcome: Outcome<ConnectionReport>): TestResult =>
  outcome.ok
    ? { kind: 'report', report: outcome.value }
    : { kind: 'problem', message: outcome.error.message };

export async function testFromForm(
  store: Tester,
  values: InstanceFormValues,
  instance: InstanceSummary | undefined,
  reauth?: InstanceReauth,
): Promise<Outcome<ConnectionReport>> {
  if (instance === undefined) return store.testDraft(toDraft(values));
  return store.testEdit(instance.id, toPatch(values, instance), reauth);
}
