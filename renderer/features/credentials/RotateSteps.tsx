// The two steps of a rotation: the field and its new value, then the review of the flows that use
// the credential before the update is sent.
import { useState } from 'react';
import type { SyntheticEvent } from 'react';

import type {
  CredentialSummary,
  CredentialTypeInput,
  RotationPlan,
} from '../../../common/ipc/schemas/credentials.js';
import type { StoreError } from '../../stores/store-error.js';
import { useCredentialsStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { SelectField } from '../../ui/SelectField.js';

export interface RotateStepsProps {
  id: string;
  /** The secret (and address) inputs of the credential's type; at least one. */
  inputs: readonly CredentialTypeInput[];
  onRotated: (rotated: CredentialSummary, fieldLabel: string) => void;
}

function PlanReview({ plan }: { plan: RotationPlan }) {
  const flows = plan.credential.usedBy;
  if (!plan.usage.checked)
    return (
      <p className="warning">
        Which flows use this credential could not be checked
        {plan.usage.error === undefined ? '' : `: ${plan.usage.error.message}`}.
      </p>
    );
  if (flows.length === 0) return <p>No flow uses this credential.</p>;
  return (
    <div>
      <p>These flows use it and will use the new value from their next run:</p>
      <ul aria-label="Flows that use it">
        {flows.map((f) => (
          <li key={f.id}>
            {f.name} <span className="muted small">({f.type.toLowerCase()})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RotateSteps({ id, inputs, onRotated }: RotateStepsProps) {
  const rotatePlan = useCredentialsStore((s) => s.rotatePlan);
  const rotate = useCredentialsStore((s) => s.rotate);
  const [field, setField] = useState(inputs[0]?.name ?? '');
  const [value, setValue] = useState('');
  const [plan, setPlan] = useState<RotationPlan | null>(null);
  const [failure, setFailure] = useState<StoreError | null>(null);
  const [valueError, setValueError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = inputs.find((i) => i.name === field)?.label ?? field;

  async function review(event?: SyntheticEvent) {
    event?.preventDefault();
    if (value === '') {
      setValueError(`Type the new ${label}.`);
      return;
    }
    setValueError(null);
    setFailure(null);
    setBusy(true);
    const outcome = await rotatePlan(id, field);
    setBusy(false);
    if (outcome.ok) setPlan(outcome.value);
    else setFailure(outcome.error);
  }

  async function confirm(reviewed: RotationPlan) {
    setFailure(null);
    setBusy(true);
    const ids = reviewed.credential.usedBy.map((f) => f.id);
    const outcome = await rotate(id, field, value, ids);
    setBusy(false);
    if (outcome.ok) {
      setValue('');
      onRotated(outcome.value, label);
      return;
    }
    setFailure(outcome.error);
    // A flow started using the credential since the review: show the new review.
    if (outcome.error.code === 'conflict') {
      const again = await rotatePlan(id, field);
      if (again.ok) setPlan(again.value);
    }
  }

  const alert =
    failure === null ? null : (
      <Alert>
        <p>{failure.message}</p>
      </Alert>
    );

  if (plan !== null)
    return (
      <div className="stack">
        <p>
          Rotate <strong>{plan.field.label}</strong> of <strong>{plan.credential.name}</strong>.
        </p>
        <PlanReview plan={plan} />
        {alert}
        <div className="row row-end">
          <DialogClose>Cancel</DialogClose>
          <Button variant="primary" disabled={busy} onClick={() => void confirm(plan)}>
            {busy ? 'Rotating…' : 'Rotate secret'}
          </Button>
        </div>
      </div>
    );

  return (
    <form className="stack" noValidate onSubmit={(event) => void review(event)}>
      {inputs.length > 1 ? (
        <SelectField
          label="Field to rotate"
          value={field}
          blankLabel="Not set"
          required
          options={inputs.map((i) => ({ value: i.name, label: i.label }))}
          onValueChange={setField}
        />
      ) : null}
      <Field
        label={`New ${label}`}
        type="password"
        autoComplete="off"
        value={value}
        onValueChange={setValue}
        error={valueError}
      />
      {alert}
      <div className="row row-end">
        <DialogClose>Cancel</DialogClose>
        <Button variant="primary" type="submit" disabled={busy}>
          Review flows
        </Button>
      </div>
    </form>
  );
}
