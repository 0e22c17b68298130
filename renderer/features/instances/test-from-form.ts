// Picks how the dialog's "Test connection" runs: a new instance is tested as typed; an edit is
// tested by main as the saved profile with the typed changes, since main never hands a saved key
// or certificate back.
import type { InstanceSummary } from '../../../common/ipc/schemas/instances.js';
import type { InstancesStoreState } from '../../stores/instances-store.js';
import type { TestResult } from './ConnectionResult.js';
import type { InstanceFormValues } from './instance-form.js';
import { toDraft, toPatch } from './instance-form.js';

type Tester = Pick<InstancesStoreState, 'test' | 'testDraft' | 'testEdit'>;

const asResult = (outcome: Awaited<ReturnType<Tester['test']>>): TestResult =>
  outcome.ok
    ? { kind: 'report', report: outcome.value }
    : { kind: 'problem', message: outcome.error.message };

export async function testFromForm(
  store: Tester,
  values: InstanceFormValues,
  instance: InstanceSummary | undefined,
): Promise<TestResult> {
  if (instance === undefined) return asResult(await store.testDraft(toDraft(values)));
  return asResult(await store.testEdit(instance.id, toPatch(values, instance)));
}
