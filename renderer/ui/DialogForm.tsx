// The form inside a dialog: the failure of the last try on top, the fields, then Cancel and the
// submit button. Enter in any field submits, as in any form.
import { useState } from 'react';
import type { ReactNode } from 'react';

import { Alert } from './Alert.js';
import { Button } from './Button.js';
import type { ButtonVariant } from './Button.js';
import { DialogClose } from './Dialog.js';

export interface DialogFormProps {
  onSubmit: () => void;
  /** Why the last try failed, in words. */
  failure: string | null;
  submitLabel: string;
  submitDisabled: boolean;
  /** "danger" where the submit deletes something. */
  submitVariant?: ButtonVariant;
  className?: string;
  children?: ReactNode;
}

export function DialogForm({
  onSubmit,
  failure,
  submitLabel,
  submitDisabled,
  submitVariant = 'primary',
  className,
  children,
}: DialogFormProps) {
  return (
    <form
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {failure === null ? null : (
        <Alert>
          <p>{failure}</p>
        </Alert>
      )}
      {children}
      <div className="row row-end">
        <DialogClose>Cancel</DialogClose>
        <Button type="submit" variant={submitVariant} disabled={submitDisabled}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

export interface FormAction {
  busy: boolean;
  failure: string | null;
  /** Runs the call; what it resolves to is the failure to show, null when it went through. */
  run: (call: () => Promise<string | null>) => Promise<void>;
}

export function useFormAction(): FormAction {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  async function run(call: () => Promise<string | null>): Promise<void> {
    setFailure(null);
    setBusy(true);
    const error = await call();
    setBusy(false);
    setFailure(error);
  }
  return { busy, failure, run };
}
