// The body of the add/edit dialog. The admin key lives only in this component's state: it is
// cleared the moment Save is pressed, and closing the dialog or a lock unmounts the form. When main
// refuses to send the saved key to a new address or trust setting, the master password is asked
// for and the same call is retried with it; the password goes nowhere else. The instance's rotation
// policy is saved with the same Save, through policies.set, after the instance itself.
import { useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';

import type {
  CertificateInfo,
  InstanceReauth,
  InstanceSummary,
} from '../../../common/ipc/schemas/instances.js';
import { useInstancesStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { MasterPasswordDialog } from '../../ui/MasterPasswordDialog.js';
import type { TestResult } from './ConnectionResult.js';
import { ConnectionResult } from './ConnectionResult.js';
import type { InstanceFormValues } from './instance-form.js';
import {
  changesConnection,
  changesTrust,
  hasErrors,
  initialValues,
  toDraft,
  toPatch,
  validate,
} from './instance-form.js';
import { PolicyField } from '../policies/PolicyField.js';
import { usePolicyDraft } from '../policies/use-policy-draft.js';
import { statusOf } from './instance-status.js';
import { SecurityFields } from './SecurityFields.js';
import { asResult, testFromForm } from './test-from-form.js';

/** A call main refused until the master password confirms it, waiting for that password. */
interface Ask {
  description: string;
  submitLabel: string;
  /** Resolves to an error message, or null once the call went through. */
  retry: (reauth: InstanceReauth) => Promise<string | null>;
}

export interface InstanceFormProps {
  /** Edit mode when given. */
  instance?: InstanceSummary | undefined;
  onSaved: (saved: InstanceSummary) => void;
}

export function InstanceForm({ instance, onSaved }: InstanceFormProps) {
  const editing = instance !== undefined;
  const store = useInstancesStore((s) => s);
  const [values, setValues] = useState<InstanceFormValues>(() => initialValues(instance));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ message: string; keyCleared: boolean } | null>(null);
  const [result, setResult] = useState<TestResult | null>(null);
  const [focusInvalid, setFocusInvalid] = useState(0);
  const [ask, setAsk] = useState<Ask | null>(null);
  // Values whose test failed on Save, waiting for "Save anyway".
  const [unsaved, setUnsaved] = useState<InstanceFormValues | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const caRef = useRef<HTMLTextAreaElement>(null);
  const errors = tried ? validate(values, editing) : {};
  const policy = usePolicyDraft(
    editing ? { kind: 'instance', instanceId: instance.id } : undefined,
  );

  useEffect(() => {
    if (focusInvalid === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const change = (patch: Partial<InstanceFormValues>): void => {
    setValues((current) => ({ ...current, ...patch }));
    // A report about other settings would mislead.
    setResult(null);
    setUnsaved(null);
  };

  function checked(): boolean {
    setTried(true);
    const policyValid = !editing || policy.check() !== undefined;
    if (policyValid && !hasErrors(validate(values, editing))) return true;
    setFocusInvalid((n) => n + 1);
    return false;
  }

  async function save(given: InstanceFormValues, reauth?: InstanceReauth): Promise<string | null> {
    setFailure(null);
    setSaving(true);
    // A change of policy alone leaves the instance as it is.
    const policyOnly =
      editing && policy.dirty && Object.keys(toPatch(given, instance)).length === 0;
    const outcome = policyOnly
      ? ({ ok: true, value: instance } as const)
      : editing
        ? await store.update(instance.id, toPatch(given, instance), reauth)
        : await store.add(toDraft(given));
    const policyFailure =
      outcome.ok && policy.dirty && policy.value !== undefined
        ? await policy.save(policy.value)
        : null;
    setSaving(false);
    if (policyFailure !== null) {
      setFailure({ message: policyFailure, keyCleared: false });
      return null;
    }
    if (outcome.ok) {
      onSaved(outcome.value);
      return null;
    }
    if (reauth !== undefined) return outcome.error.message;
    if (outcome.error.code === 'reauth_required')
      setAsk({
        description: outcome.error.message,
        submitLabel: 'Save',
        retry: (confirmed) => save(given, confirmed),
      });
    else setFailure({ message: outcome.error.message, keyCleared: given.adminKey !== '' });
    return null;
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checked()) return;
    const given = values;
    // A test of these very values (any change clears it) stands; otherwise test them now.
    let report = result?.kind === 'report' ? result.report : null;
    // A rename or a new colour reaches the server as before: its last test still stands.
    const untouched = editing && !changesConnection(toPatch(given, instance));
    if (report === null && !untouched) {
      setResult({ kind: 'testing' });
      const outcome = await testFromForm(store, given, instance);
      // A test main refused (a new address awaiting the master password, say) is the save's
      // to settle: it asks for what it needs.
      setResult(outcome.ok ? asResult(outcome) : null);
      report = outcome.ok ? outcome.value : null;
    }
    if (report?.ok === false) {
      setUnsaved(given);
      return;
    }
    setValues((current) => ({ ...current, adminKey: '' }));
    await save(given);
  }

  async function saveAnyway(given: InstanceFormValues) {
    setUnsaved(null);
    setValues((current) => ({ ...current, adminKey: '' }));
    await save(given);
  }

  async function runTest(
    tested: InstanceFormValues,
    reauth?: InstanceReauth,
  ): Promise<string | null> {
    setResult({ kind: 'testing' });
    const outcome = await testFromForm(store, tested, instance, reauth);
    if (!outcome.ok && reauth !== undefined) {
      setResult(null);
      return outcome.error.message;
    }
    if (!outcome.ok && outcome.error.code === 'reauth_required') {
      setResult(null);
      setAsk({
        description: outcome.error.message,
        submitLabel: 'Test connection',
        retry: (confirmed) => runTest(tested, confirmed),
      });
      return null;
    }
    setResult(asResult(outcome));
    return null;
  }

  async function testConnection() {
    if (!checked()) return;
    await runTest(values);
  }

  /** Puts the certificate in the form as the one to trust, and tests again with it. */
  function trust(certificate: CertificateInfo) {
    const next = { ...values, certificatePin: certificate };
    setValues(next);
    void runTest(next);
  }

  // Re-pinning changes what the saved instance trusts at once, so it is for the saved address.
  const repin =
    editing && toPatch(values, instance).baseUrl === undefined
      ? (certificate: CertificateInfo, pinned: string) => {
          setAsk({
            description:
              `Re-pin ${instance.name}: trust the certificate ${certificate.sha256} it presents ` +
              `now, instead of ${pinned}. Enter the master password to confirm.`,
            submitLabel: 'Re-pin',
            retry: async ({ password }) => {
              const outcome = await store.pinCertificate(instance.id, {
                sha256: certificate.sha256,
                password,
              });
              if (!outcome.ok) return outcome.error.message;
              const next = { ...values, certificatePin: certificate };
              setValues(next);
              void runTest(next);
              return null;
            },
          });
        }
      : undefined;

  return (
    <>
      <form ref={formRef} className="stack" noValidate onSubmit={(event) => void submit(event)}>
        <Field
          label="Name"
          autoComplete="off"
          value={values.name}
          onValueChange={(name) => {
            change({ name });
          }}
          error={errors.name}
        />
        <Field
          label="Base URL"
          type="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://flowise.example.com"
          value={values.baseUrl}
          onValueChange={(baseUrl) => {
            change({ baseUrl });
          }}
          hint="The server's root address, the one you open in the browser."
          error={errors.baseUrl}
        />
        <Field
          label="Admin API key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={editing ? 'unchanged' : undefined}
          value={values.adminKey}
          onValueChange={(adminKey) => {
            change({ adminKey });
          }}
          hint={
            !editing
              ? 'Kept encrypted in this vault. It is never shown again.'
              : changesTrust(toPatch(values, instance), instance) && values.adminKey === ''
                ? `The address or certificate settings changed, so the saved key (${instance.adminKeyMasked}) is sent there only after you type it again or enter the master password.`
                : `Unchanged (${instance.adminKeyMasked}). Type a new key only to replace it.`
          }
          error={errors.adminKey}
        />
        <SecurityFields
          values={values}
          errors={errors}
          onChange={change}
          instance={instance}
          caRef={caRef}
        />
        {editing ? (
          <PolicyField
            draft={policy}
            hint="Keys on this instance are due for rotation after this many days, unless a key has its own policy. Empty: the limit in Settings."
          />
        ) : null}
        <ConnectionResult
          result={result}
          onShowCaField={() => caRef.current?.focus()}
          onTrust={trust}
          onRepin={repin}
        />
        {unsaved === null || result?.kind !== 'report' ? null : (
          <Alert
            actions={
              <Button variant="danger" disabled={saving} onClick={() => void saveAnyway(unsaved)}>
                Save anyway
              </Button>
            }
          >
            <p>
              The connection test failed: {statusOf(result.report, false).label}.{' '}
              {result.report.summary} Save anyway?
            </p>
          </Alert>
        )}
        {failure === null ? null : (
          <Alert>
            <p>{failure.message}</p>
            {failure.keyCleared ? <p>Type the admin API key again to retry.</p> : null}
          </Alert>
        )}
        <div className="row row-end">
          <Button
            disabled={result?.kind === 'testing' || saving}
            onClick={() => void testConnection()}
          >
            Test connection
          </Button>
          <DialogClose>Cancel</DialogClose>
          <Button type="submit" variant="primary" disabled={saving || result?.kind === 'testing'}>
            Save
          </Button>
        </div>
      </form>
      {/* Outside the form: React events bubble through portals, and its submit is not this one. */}
      <MasterPasswordDialog
        open={ask !== null}
        description={ask?.description ?? ''}
        submitLabel={ask?.submitLabel ?? 'Confirm'}
        onSubmit={(password) => ask?.retry({ password }) ?? Promise.resolve(null)}
        onClose={() => {
          setAsk(null);
        }}
      />
    </>
  );
}
