// One key's rotation policy: its own maximum age, or none so its instance's policy (else Settings'
// limit) applies. Names, ids and numbers only; no key value comes near it.
import { useRef, useState } from 'react';
import type { SubmitEvent } from 'react';

import type { PolicyScope } from '../../../common/ipc/schemas/policies.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';
import { PolicyField } from './PolicyField.js';
import { usePolicyDraft } from './use-policy-draft.js';

export interface KeyPolicyDialogProps {
  /** The dialog is open while set. */
  keyRef: { instanceId: string; keyId: string; label: string } | undefined;
  onClose: () => void;
  /** After a save: a sentence saying what changed. */
  onDone: (sentence: string) => void;
}

export function KeyPolicyDialog({ keyRef, onClose, onDone }: KeyPolicyDialogProps) {
  return (
    <Dialog
      open={keyRef !== undefined}
      onClose={onClose}
      title={`Rotation policy of ${keyRef?.label ?? ''}`}
      description="How many days this key may live before it is due for rotation, counted from the day this vault first saw it or its last rotation here. 0 makes it due at once."
    >
      {keyRef === undefined ? null : (
        <KeyPolicyForm
          scope={{ kind: 'key', instanceId: keyRef.instanceId, keyId: keyRef.keyId }}
          label={keyRef.label}
          onDone={onDone}
        />
      )}
    </Dialog>
  );
}

function KeyPolicyForm({
  scope,
  label,
  onDone,
}: {
  scope: PolicyScope;
  label: string;
  onDone: (sentence: string) => void;
}) {
  const draft = usePolicyDraft(scope);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  async function save(value: number | null) {
    setFailure(null);
    setSaving(true);
    const error = await draft.save(value);
    setSaving(false);
    if (error !== null) {
      setFailure(error);
      return;
    }
    onDone(
      value === null
        ? `${label} follows the instance's rotation policy.`
        : `${label} is due for rotation after ${String(value)} days.`,
    );
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = draft.check();
    if (value === undefined) {
      formRef.current?.querySelector('input')?.focus();
      return;
    }
    void save(value);
  }

  return (
    <form ref={formRef} className="stack" noValidate onSubmit={submit}>
      <PolicyField
        draft={draft}
        hint="Empty: the instance's policy applies, else the limit in Settings."
      />
      {failure === null ? null : (
        <Alert>
          <p>{failure}</p>
        </Alert>
      )}
      <div className="row row-end">
        <Button disabled={saving || draft.saved === null} onClick={() => void save(null)}>
          Use the instance's policy
        </Button>
        <DialogClose>Cancel</DialogClose>
        <Button type="submit" variant="primary" disabled={saving}>
          Save
        </Button>
      </div>
    </form>
  );
}
