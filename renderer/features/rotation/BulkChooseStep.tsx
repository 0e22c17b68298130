// The first step of a bulk rotation: how to pick the keys (by age, by hand, or one name across
// instances) and on which instances; main then finds the keys and plans each one.
import { useEffect, useState } from 'react';
import type { SyntheticEvent } from 'react';

import type { AllKeys } from '../../../common/ipc/schemas/keys.js';
import type { BatchPlan, BatchSelection } from '../../../common/ipc/schemas/rotation-batch.js';
import { BATCH_MAX_DAYS, BATCH_MAX_KEYS } from '../../../common/ipc/schemas/rotation-batch.js';
import { useApi } from '../../api/api-context.js';
import { useRotationStore } from '../../stores/stores-context.js';
import { toStoreError } from '../../stores/store-error.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { RadioGroup } from '../../ui/RadioGroup.js';
import { BulkInstances, BulkKeyPicker, BulkNamePicker } from './BulkPickers.js';

type Mode = BatchSelection['mode'];

const MODES: { value: Mode; label: string }[] = [
  { value: 'olderThan', label: 'Keys older than a number of days' },
  { value: 'byHand', label: 'Keys I choose' },
  { value: 'sameName', label: 'The key of one name on each instance' },
];

export interface BulkChooseStepProps {
  onPlanned: (plan: BatchPlan) => void;
}

export function BulkChooseStep({ onPlanned }: BulkChooseStepProps) {
  const api = useApi();
  const planMany = useRotationStore((s) => s.planMany);
  const [all, setAll] = useState<AllKeys | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('olderThan');
  const [days, setDays] = useState('90');
  const [keyName, setKeyName] = useState('');
  const [instanceIds, setInstanceIds] = useState<ReadonlySet<string> | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.keys.listAll().then(
      (found) => {
        if (!live) return;
        setAll(found);
        setInstanceIds(new Set(found.instances.map((i) => i.instanceId)));
      },
      (error: unknown) => {
        if (live) setFailure(toStoreError(error).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api]);

  const dayCount = Number(days);
  const daysError =
    Number.isInteger(dayCount) && dayCount >= 0 && dayCount <= BATCH_MAX_DAYS && days !== ''
      ? null
      : `A whole number of days from 0 to ${String(BATCH_MAX_DAYS)}.`;
  const instances = [...(instanceIds ?? [])];

  function selection(): BatchSelection | null {
    // Every instance is the default, and main reads "none listed" as every one.
    const among = instances.length === all?.instances.length ? {} : { instanceIds: instances };
    if (mode === 'olderThan')
      return daysError === null && instances.length > 0 ? { mode, days: dayCount, ...among } : null;
    if (mode === 'sameName')
      return keyName !== '' && instances.length > 0 ? { mode, keyName, ...among } : null;
    const keys = [...chosen].map((ref) => {
      const [instanceId = '', keyId = ''] = ref.split('/');
      return { instanceId, keyId };
    });
    return keys.length > 0 && keys.length <= BATCH_MAX_KEYS ? { mode, keys } : null;
  }

  async function find(event: SyntheticEvent) {
    event.preventDefault();
    const picked = selection();
    if (picked === null) return;
    setBusy(true);
    setFailure(null);
    const outcome = await planMany(picked);
    setBusy(false);
    if (outcome.ok) onPlanned(outcome.value);
    else setFailure(outcome.error.message);
  }

  if (all === null)
    return failure === null ? (
      <p className="muted">Loading the keys of every instance…</p>
    ) : (
      <Alert>
        <p>{failure}</p>
      </Alert>
    );
  return (
    <form className="stack" onSubmit={(event) => void find(event)}>
      <RadioGroup
        className="rotation-choices"
        legend="Which keys"
        name="bulk-mode"
        options={MODES}
        value={mode}
        onValueChange={setMode}
      />
      {mode === 'olderThan' ? (
        <Field
          label="Older than (days)"
          type="number"
          inputMode="numeric"
          min={0}
          max={BATCH_MAX_DAYS}
          value={days}
          onValueChange={setDays}
          error={days === '' ? null : daysError}
          hint="Counted from the day this vault first saw the key: Flowise keeps no creation date."
        />
      ) : null}
      {mode === 'sameName' ? (
        <BulkNamePicker all={all} value={keyName} onChange={setKeyName} />
      ) : null}
      {mode === 'byHand' ? (
        <BulkKeyPicker all={all} chosen={chosen} onChange={setChosen} />
      ) : (
        <BulkInstances all={all} chosen={instanceIds ?? new Set()} onChange={setInstanceIds} />
      )}
      {failure === null ? null : (
        <Alert>
          <p>{failure}</p>
        </Alert>
      )}
      <div className="row row-end">
        <DialogClose>Cancel</DialogClose>
        <Button variant="primary" type="submit" disabled={busy || selection() === null}>
          {busy ? 'Finding the keys…' : 'Find the keys'}
        </Button>
      </div>
    </form>
  );
}
