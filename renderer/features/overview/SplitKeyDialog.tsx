// Split a key bound to many flows: each flow gets its own key with the same permissions, named
// "<key> – <flow>", and is moved to it. The old key stays, bound to nothing, until the apps have
// moved. Run again after a failure: the keys already made are reused by name.
import { useEffect, useState } from 'react';

import type { KeySummary, SplitResult } from '../../../common/ipc/schemas/keys.js';
import type { Finding } from '../../../common/ipc/schemas/overview.js';
import { countOf } from '../../../common/words.js';
import { useOverviewStore } from '../../stores/stores-context.js';
import { Button } from '../../ui/Button.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogForm, useFormAction } from '../../ui/DialogForm.js';
import { RevealSplitKey } from './RevealSplitKey.js';

export interface SplitKeyDialogProps {
  /** The dialog is open while set. */
  finding: Finding | undefined;
  keySummary: KeySummary | undefined;
  onClose: () => void;
  say: (sentence: string) => void;
}

export function SplitKeyDialog({ finding, keySummary, onClose, say }: SplitKeyDialogProps) {
  // While a new key is shown, closing by Escape or a click outside would lose it for good.
  const [revealing, setRevealing] = useState(false);
  const close = (): void => {
    setRevealing(false);
    onClose();
  };
  return (
    <Dialog
      open={finding !== undefined}
      onClose={close}
      title={`Split ${finding?.subject.name ?? ''}?`}
      description="Each flow gets a key of its own, with the same permissions, so one leak exposes one flow."
      dismissible={!revealing}
    >
      {finding === undefined ? null : (
        <SplitBody
          finding={finding}
          keySummary={keySummary}
          onClose={close}
          onRevealing={setRevealing}
          say={say}
        />
      )}
    </Dialog>
  );
}

function SplitBody({
  finding,
  keySummary,
  onClose,
  onRevealing,
  say,
}: {
  finding: Finding;
  keySummary: KeySummary | undefined;
  onClose: () => void;
  onRevealing: (revealing: boolean) => void;
  say: (sentence: string) => void;
}) {
  const split = useOverviewStore((s) => s.split);
  const { busy, failure, run } = useFormAction();
  // Tickets only: each value is fetched by RevealSplitKey and lives in its state alone.
  const [result, setResult] = useState<SplitResult | null>(null);
  const flows = keySummary?.boundFlows ?? [];

  if (result !== null)
    return (
      <SplitOutcome finding={finding} result={result} onClose={onClose} onRevealing={onRevealing} />
    );

  return (
    <DialogForm
      onSubmit={() =>
        void run(async () => {
          const outcome = await split(finding);
          if (!outcome.ok) return outcome.error.message;
          setResult(outcome.value);
          say(
            `${finding.subject.name} split into ${countOf(outcome.value.created.length, 'key')}.`,
          );
          return null;
        })
      }
      failure={failure}
      submitLabel="Split the key"
      submitDisabled={busy}
    >
      <p>
        Apps that call these flows with {finding.subject.name} get 401 until they send the
        flow&apos;s new key:
      </p>
      <ul aria-label="Flows to move">
        {flows.map((flow) => (
          <li key={flow.id}>{flow.name}</li>
        ))}
      </ul>
    </DialogForm>
  );
}

/** Each key the split made is shown once, one after another, as key creation shows its key;
 * keys reused from an earlier run were shown then. Then what moved and what did not. */
function SplitOutcome({
  finding,
  result,
  onClose,
  onRevealing,
}: {
  finding: Finding;
  result: SplitResult;
  onClose: () => void;
  onRevealing: (revealing: boolean) => void;
}) {
  const shown = result.created.filter((c) => c.ticket !== undefined);
  const [seen, setSeen] = useState(0);
  const current = shown[seen];
  const revealing = current?.ticket !== undefined;
  useEffect(() => {
    onRevealing(revealing);
  }, [revealing, onRevealing]);

  if (current?.ticket !== undefined)
    return (
      <RevealSplitKey
        key={current.ticket}
        ticket={current.ticket}
        flow={current.flow}
        newKey={current.key}
        place={{ index: seen, count: shown.length }}
        onDone={() => {
          setSeen((n) => n + 1);
        }}
      />
    );

  return (
    <div className="stack">
      <p role="status">
        {countOf(result.created.length, 'flow')} moved to a key of its own
        {result.failed.length === 0
          ? '.'
          : `; ${countOf(result.failed.length, 'flow')} still on ${finding.subject.name}: split again to finish.`}
      </p>
      <ul aria-label="New keys">
        {result.created.map(({ flow, key }) => (
          <li key={key.id}>
            {key.keyName} <span className="muted small">{key.masked}</span> for {flow.name}
          </li>
        ))}
      </ul>
      {result.failed.length === 0 ? null : (
        <ul aria-label="Not moved">
          {result.failed.map(({ flow, error }) => (
            <li key={flow.id}>
              {flow.name}: {error.message}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        Copy each new key from the Keys page into the app that calls its flow; then delete{' '}
        {finding.subject.name}, which no flow uses any more.
      </p>
      <div className="row row-end">
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </div>
    </div>
  );
}
