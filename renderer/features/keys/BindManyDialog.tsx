// Binds several flows to one key in one call (chatflows.bindMany), then shows what became of each:
// one flow failing (deleted meanwhile, say) names that flow and stops no other.
import { useState } from 'react';

import type { BindManyResult, Chatflow } from '../../../common/ipc/schemas/keys.js';
import { countOf } from '../../../common/words.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';
import { DialogForm, useFormAction } from '../../ui/DialogForm.js';
import { RadioGroup } from '../../ui/RadioGroup.js';
import { keyChoices } from './BindFlowDialog.js';

type Results = BindManyResult['results'];

export interface BindManyDialogProps {
  /** The ticked flows as they were when the dialog opened: a flow deleted meanwhile keeps its
   * name in the results. Empty while closed. */
  flows: readonly Chatflow[];
  onClose: () => void;
}

export function BindManyDialog({ flows, onClose }: BindManyDialogProps) {
  return (
    <Dialog
      open={flows.length > 0}
      onClose={onClose}
      title={`Bind ${countOf(flows.length, 'flow')} to a key`}
      description="Callers of these flows' APIs must send the key chosen here."
    >
      {flows.length === 0 ? null : <BindManyForm flows={flows} />}
    </Dialog>
  );
}

/** "Support bot will stop accepting prod." for each flow the choice takes from another key. */
export function losingKeys(flows: readonly Chatflow[], keyId: string): string {
  return flows
    .filter((flow) => flow.keyName !== undefined && flow.keyId !== keyId)
    .map((flow) => `${flow.name} will stop accepting ${flow.keyName ?? ''}.`)
    .join(' ');
}

function BindManyForm({ flows }: { flows: readonly Chatflow[] }) {
  const keys = useKeysStore((s) => s.keys) ?? [];
  const bindMany = useKeysStore((s) => s.bindMany);
  const [choice, setChoice] = useState('');
  const [results, setResults] = useState<Results | null>(null);
  const { busy, failure, run } = useFormAction();

  if (results !== null) return <ResultList flows={flows} results={results} />;

  const submit = () =>
    void run(async () => {
      const outcome = await bindMany(
        flows.map((flow) => flow.id),
        choice,
      );
      if (!outcome.ok) return outcome.error.message;
      setResults(outcome.value.results);
      return null;
    });
  const losing = choice === '' ? '' : losingKeys(flows, choice);

  return (
    <DialogForm
      onSubmit={submit}
      failure={failure}
      submitLabel="Bind"
      submitDisabled={busy || choice === ''}
    >
      <p>{flows.map((flow) => flow.name).join(', ')}</p>
      <RadioGroup
        className="bind-choices"
        legend="API key"
        name="bind-many-key"
        options={keyChoices(keys)}
        value={choice}
        onValueChange={setChoice}
      />
      {losing === '' ? null : (
        <p className="bind-warning" role="note">
          {losing}
        </p>
      )}
    </DialogForm>
  );
}

function ResultList({ flows, results }: { flows: readonly Chatflow[]; results: Results }) {
  const nameOf = (id: string) => flows.find((flow) => flow.id === id)?.name ?? id;
  return (
    <>
      <ul className="bind-results" aria-label="Results">
        {results.map((result) => (
          <li key={result.chatflowId}>
            {result.ok
              ? `${nameOf(result.chatflowId)}: bound`
              : `${nameOf(result.chatflowId)}: failed: ${result.error.message}`}
          </li>
        ))}
      </ul>
      <div className="row row-end">
        <DialogClose>Close</DialogClose>
      </div>
    </>
  );
}
