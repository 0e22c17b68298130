// Choose the key a flow answers to, or "No Authorization", which makes the flow public.
import { useState } from 'react';

import type { Chatflow, KeySummary } from '../../../common/ipc/schemas/keys.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogForm, useFormAction } from '../../ui/DialogForm.js';
import { RadioGroup } from '../../ui/RadioGroup.js';
import { VaultKeyMark } from './VaultKeyMark.js';

const NONE = '';

/** The instance's keys as radio choices: the name, the masked value that tells two apart, and the
 * mark on the vault's own admin key. */
export function keyChoices(keys: readonly KeySummary[]) {
  return keys.map((key) => ({
    value: key.id,
    label: (
      <>
        {key.keyName} <span className="muted small">{key.masked}</span>{' '}
        <VaultKeyMark keySummary={key} />
      </>
    ),
  }));
}

export interface BindFlowDialogProps {
  flow: Chatflow | undefined;
  onClose: () => void;
  onBound: (flow: Chatflow) => void;
}

export function BindFlowDialog({ flow, onClose, onBound }: BindFlowDialogProps) {
  return (
    <Dialog
      open={flow !== undefined}
      onClose={onClose}
      title={`Key for ${flow?.name ?? ''}`}
      description="Callers of this flow's API must send the key chosen here."
    >
      {flow === undefined ? null : <BindForm flow={flow} onBound={onBound} />}
    </Dialog>
  );
}

function BindForm({ flow, onBound }: { flow: Chatflow; onBound: (flow: Chatflow) => void }) {
  const keys = useKeysStore((s) => s.keys) ?? [];
  const bind = useKeysStore((s) => s.bind);
  const [choice, setChoice] = useState(flow.keyId ?? NONE);
  const { busy, failure, run } = useFormAction();

  const submit = () =>
    void run(async () => {
      const outcome = await bind(flow.id, choice === NONE ? null : choice);
      if (!outcome.ok) return outcome.error.message;
      onBound(outcome.value);
      return null;
    });

  return (
    <DialogForm
      onSubmit={submit}
      failure={failure}
      submitLabel="Save"
      submitDisabled={busy || choice === (flow.keyId ?? NONE)}
    >
      <RadioGroup
        className="bind-choices"
        legend="API key"
        name="bind-key"
        options={[{ value: NONE, label: 'No Authorization' }, ...keyChoices(keys)]}
        value={choice}
        onValueChange={setChoice}
      />
      {choice === NONE ? (
        <p className="bind-warning" role="note">
          <strong>The flow becomes public:</strong> anyone who can reach the server can call it,
          without a key.
        </p>
      ) : null}
    </DialogForm>
  );
}
