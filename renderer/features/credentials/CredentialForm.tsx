// The name and typed fields of a credential, for a create or an edit. What the person types lives
// only in this component's state: it goes to main on submit, and is gone when the dialog closes.
import { useState } from 'react';
import type { SyntheticEvent } from 'react';

import type { CredentialTypeEntry, FieldValue } from '../../../common/ipc/schemas/credentials.js';
import type { StoreError } from '../../stores/store-error.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { CredentialFields } from './CredentialFields.js';
import type { FormValues } from './credential-form.js';
import { fieldsNamed } from './credential-form.js';

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
  const invalid = fieldsNamed(failure?.details);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (name.trim() === '') {
      setNameError('Give the credential a name.');
      return;
    }
    setNameError(null);
    setFailure(null);
    setBusy(true);
    const error = await onSubmit(name.trim(), values);
    // On success the dialog closes and this state goes with it.
    setBusy(false);
    setFailure(error);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
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
          onChange={(field, value) => {
            setValues((current) => ({ ...current, [field]: value }));
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
