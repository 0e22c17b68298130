// The first step when no key was chosen beforehand: the instance's keys, one to pick.
import { useEffect, useState } from 'react';
import type { SyntheticEvent } from 'react';

import type { KeySummary } from '../../../common/ipc/schemas/keys.js';
import { useApi } from '../../api/api-context.js';
import { toStoreError } from '../../stores/store-error.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DialogClose } from '../../ui/Dialog.js';
import { RadioGroup } from '../../ui/RadioGroup.js';
import { KeyDetails } from './KeyDetails.js';

export interface ChooseKeyStepProps {
  instanceId: string;
  /** The key chosen before, when the person came back from the plan. */
  initial?: string | undefined;
  onChosen: (keyId: string) => void;
}

export function ChooseKeyStep({ instanceId, initial, onChosen }: ChooseKeyStepProps) {
  const api = useApi();
  const [keys, setKeys] = useState<KeySummary[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [chosen, setChosen] = useState(initial ?? '');

  useEffect(() => {
    let live = true;
    api.keys.list({ instanceId }).then(
      (list) => {
        if (live) setKeys(list.keys);
      },
      (error: unknown) => {
        if (live) setFailure(toStoreError(error).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, instanceId]);

  function next(event: SyntheticEvent) {
    event.preventDefault();
    if (chosen !== '') onChosen(chosen);
  }

  if (failure !== null)
    return (
      <Alert>
        <p>{failure}</p>
      </Alert>
    );
  if (keys === null) return <p className="muted">Loading the keys…</p>;
  if (keys.length === 0) return <p>This instance has no API key to rotate.</p>;
  return (
    <form className="stack" onSubmit={next}>
      <RadioGroup
        className="rotation-choices"
        legend="Key to rotate"
        name="rotation-key"
        options={keys.map((key) => ({
          value: key.id,
          label: (
            <>
              {key.keyName} <KeyDetails keyInfo={key} />
            </>
          ),
        }))}
        value={chosen}
        onValueChange={setChosen}
      />
      <div className="row row-end">
        <DialogClose>Cancel</DialogClose>
        <Button variant="primary" type="submit" disabled={chosen === ''}>
          Review the plan
        </Button>
      </div>
    </form>
  );
}
