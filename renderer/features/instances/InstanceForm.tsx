// The body of the add/edit dialog. The admin key lives only in this component's state: it is
// cleared the moment Save is pressed, and closing the dialog or a lock unmounts the form.
import { useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';

import type { InstanceSummary } from '../../../common/ipc/schemas/instances.js';
import { useInstancesStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import type { TestResult } from './ConnectionResult.js';
import { ConnectionResult } from './ConnectionResult.js';
import type { InstanceFormValues } from './instance-form.js';
import { hasErrors, initialValues, toDraft, toPatch, validate } from './instance-form.js';
import { SecurityFields } from './SecurityFields.js';
import { testFromForm } from './test-from-form.js';

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
  const formRef = useRef<HTMLFormElement>(null);
  const caRef = useRef<HTMLTextAreaElement>(null);
  const errors = tried ? validate(values, editing) : {};

  useEffect(() => {
    if (focusInvalid === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const change = (patch: Partial<InstanceFormValues>): void => {
    setValues((current) => ({ ...current, ...patch }));
    // A report about other settings would mislead.
    setResult(null);
  };

  function checked(): boolean {
    setTried(true);
    if (!hasErrors(validate(values, editing))) return true;
    setFocusInvalid((n) => n + 1);
    return false;
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checked()) return;
    const given = values;
    setValues((current) => ({ ...current, adminKey: '' }));
    setFailure(null);
    setSaving(true);
    const outcome = editing
      ? await store.update(instance.id, toPatch(given, instance))
      : await store.add(toDraft(given));
    setSaving(false);
    if (outcome.ok) onSaved(outcome.value);
    else setFailure({ message: outcome.error.message, keyCleared: given.adminKey !== '' });
  }

  async function testConnection() {
    if (!checked()) return;
    setResult({ kind: 'testing' });
    setResult(await testFromForm(store, values, instance));
  }

  return (
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
          editing
            ? `Unchanged (${instance.adminKeyMasked}). Type a new key only to replace it.`
            : 'Kept encrypted in this vault. It is never shown again.'
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
      <ConnectionResult result={result} onShowCaField={() => caRef.current?.focus()} />
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
        <Button type="submit" variant="primary" disabled={saving}>
          Save
        </Button>
      </div>
    </form>
  );
}
