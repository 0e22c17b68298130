// The name and typed fields of a credential, for a create or an edit. What the person types lives
// only in this component's state: it goes to main on submit, and is gone when the dialog closes.
import { useEffect, useRef, useState } from 'react';
import type { SyntheticEvent } from 'react';

import type { CredentialTypeEntry, FieldValue } from '../../../common/ipc/schemas/credentials.js';
import type { StoreError } from '../../stores/store-error.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { CredentialFields } from './CredentialFields.js';
import type { FormValues } from './credential-form.js';
import { fieldsNamed, missingRequired } from './credential-form.js';

export interface CredentialFormProps {
  /** Undefined when the server no longer knows the type: only the name can change. */
  type: CredentialTypeEntry | undefined;
  initialName: string;
  initialValues: FormValues;
  stored?: Record<string, FieldValue>;
  submitLabel: string;
  /** Resolves to null once saved, or to what main refused. */
  onSubmit: (name: string, values: FormValues) => Promise<StoreError | null>;
}

export function CredentialForm({
  type,
  initialName,
  initialValues,
  stored,
  submitLabel,
  onSubmit,
}: CredentialFormProps) {
  const [name, setName] = useState(initialName);
  const [values, setValues] = useState<FormValues>(initialValues);
  const [failure, setFailure] = useState<StoreError | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Required fields left blank at the last submit, until each is typed in.
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [focusInvalid, setFocusInvalid] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const invalid = fieldsNamed(failure?.details);

  useEffect(() => {
    if (focusInvalid === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const blank =
      type === undefined
        ? new Set<string>()
        : missingRequired(
            type,
            values,
            stored === undefined ? undefined : { initial: initialValues, fields: stored },
          );
    setNameError(name.trim() === '' ? 'Give the credential a name.' : null);
    setMissing(blank);
    if (name.trim() === '' || blank.size > 0) {
      setFocusInvalid((n) => n + 1);
      return;
    }
    setFailure(null);
    setBusy(true);
    const error = await onSubmit(name.trim(), values);
    // On success the dialog closes and this state goes with it.
    setBusy(false);
    setFailure(error);
  }

  return (
    <form ref={formRef} className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <Field
        label="Credential name"
        value={name}
        onValueChange={setName}
        error={nameError}
        autoComplete="off"
        maxLength={200}
      />
      {type === undefined ? (
        <p className="muted">
          The server no longer knows this credential&apos;s type, so only its name can change.
        </p>
      ) : (
        <CredentialFields
          type={type}
          values={values}
          {...(stored === undefined ? {} : { stored })}
          invalid={invalid}
          missing={missing}
          onChange={(field, value) => {
            setValues((current) => ({ ...current, [field]: value }));
            if (missing.has(field)) setMissing(new Set([...missing].filter((m) => m !== field)));
          }}
        />
      )}
      {failure === null ? null : (
        <Alert>
          <p>{failure.message}</p>
        </Alert>
      )}
      <div className="row row-end">
        <DialogClose>Cancel</DialogClose>
        <Button variant="primary" type="submit" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}
