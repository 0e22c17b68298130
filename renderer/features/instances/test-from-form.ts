// Picks how the dialog's "Test connection" runs. Main never hands a saved key back, so an edit can
// be tested as typed only with the key typed again; with nothing about the connection changed, the
// saved profile is tested instead.
import type { InstanceSummary } from '../../../common/ipc/schemas/instances.js';
import type { InstancesStoreState } from '../../stores/instances-store.js';
import type { TestResult } from './ConnectionResult.js';
import type { InstanceFormValues } from './instance-form.js';
import { changesConnection, toDraft, toPatch } from './instance-form.js';

export const NEEDS_KEY =
  'To test the changed settings, type the admin API key again, or save and then test from the list.';
export const NEEDS_CA =
  'The saved CA certificate cannot be read back. To test with a new key, paste the certificate ' +
  'again, or save and then test from the list.';

type Tester = Pick<InstancesStoreState, 'test' | 'testDraft'>;

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
  if (values.adminKey.trim() !== '') {
    const keepsSavedCa = instance.hasCustomCa && values.caCertPem.trim() === '' && !values.removeCa;
    if (keepsSavedCa) return { kind: 'problem', message: NEEDS_CA };
    return asResult(await store.testDraft(toDraft(values)));
  }
  if (changesConnection(toPatch(values, instance))) return { kind: 'problem', message: NEEDS_KEY };
  return asResult(await store.test(instance.id));
}
