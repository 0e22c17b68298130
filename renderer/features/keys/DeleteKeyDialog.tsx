// Delete a key. When flows use it, they are named, the 401 they will answer is spelled out with the
// "before deleting" checklist, and the key's name must be typed.
import { useState } from 'react';

import type { KeySummary } from '../../../common/ipc/schemas/keys.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { countOf, plural } from '../../../common/words.js';
import { useKeyNaming } from './key-names.js';
import { vaultKeyWords } from './VaultKeyMark.js';

export interface DeleteKeyDialogProps {
  keySummary: KeySummary | undefined;
  onClose: () => void;
  /** With what to tell the person: deleted, or already gone. */
  onDone: (sentence: string) => void;
  onCloseAutoFocus: (event: Event) => void;
  /** Offered when flows use the key: rotating replaces it without locking them out. */
  onRotateInstead: (key: KeySummary) => void;
}

export function DeleteKeyDialog(props: DeleteKeyDialogProps) {
  const key = props.keySummary;
  const naming = useKeyNaming(key);
  return (
    <Dialog
      open={key !== undefined}
      onClose={props.onClose}
      onCloseAutoFocus={props.onCloseAutoFocus}
      title={`Delete ${naming?.label ?? ''}?`}
      description="The key is deleted on the Flowise server. Anything that still sends it gets 401."
    >
      {key === undefined ? null : key.usedByVault === true ? (
        <VaultKeyRefusal keySummary={key} onRotateInstead={props.onRotateInstead} />
      ) : (
        <DeleteKeyBody
          keySummary={key}
          onDone={props.onDone}
          onRotateInstead={props.onRotateInstead}
        />
      )}
    </Dialog>
  );
}

/** The vault's own key is not deleted (main refuses too): the app would lose its way into the
 * server. Its own rotation replaces it, switching the stored key once the new one is proven. */
function VaultKeyRefusal({
  keySummary: key,
  onRotateInstead,
}: {
  keySummary: KeySummary;
  onRotateInstead: (key: KeySummary) => void;
}) {
  return (
    <div className="stack">
      <p>
        <strong>This vault manages the server with this key</strong> (it is the instance&apos;s
        admin key), so it is not deleted from here: the app would be cut off from the server.
      </p>
      <p>
        Rotating the admin key replaces it safely: the app switches to the new key once it works,
        and the old one is revoked after.
      </p>
      {key.missingForVault === undefined ? null : <p className="muted">{vaultKeyWords(key)}.</p>}
      <div className="row row-end">
        <DialogClose>Cancel</DialogClose>
        <Button
          variant="primary"
          onClick={() => {
            onRotateInstead(key);
          }}
        >
          Rotate the admin key
        </Button>
      </div>
    </div>
  );
}

function DeleteKeyBody({
  keySummary: key,
  onDone,
  onRotateInstead,
}: {
  keySummary: KeySummary;
  onDone: (sentence: string) => void;
  onRotateInstead: (key: KeySummary) => void;
}) {
  const remove = useKeysStore((s) => s.remove);
  const naming = useKeyNaming(key);
  const [typed, setTyped] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bound = key.boundFlows;
  const confirmed = bound.length === 0 || typed === key.keyName;

  async function confirm() {
    setFailure(null);
    setBusy(true);
    const outcome = await remove(key.id, bound.length > 0 ? typed : undefined);
    setBusy(false);
    // A key that is already gone leaves the list, and this dialog with it: say so outside.
    if (outcome.ok) onDone(`Key ${key.keyName} deleted.`);
    else if (outcome.error.code === 'not_found') onDone(outcome.error.message);
    else setFailure(outcome.error.message);
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (confirmed) void confirm();
      }}
    >
      {failure === null ? null : (
        <Alert>
          <p>{failure}</p>
        </Alert>
      )}
      {naming?.shared === true ? (
        <p>
          Another key has this name too: this is <strong>{naming.long}</strong>.
        </p>
      ) : null}
      {bound.length === 0 ? (
        <p>No flow uses this key.</p>
      ) : (
        <div className="delete-warning">
          <p>
            <strong>
              {countOf(bound.length, 'flow')} {plural(bound.length, 'uses', 'use')} this key and
              will answer 401 until rebound to another key:
            </strong>
          </p>
          <ul aria-label="Flows using this key">
            {bound.map((flow) => (
              <li key={flow.id}>
                {flow.name} <span className="muted small">({flow.type.toLowerCase()})</span>
              </li>
            ))}
          </ul>
          <p>Before deleting:</p>
          <ol className="small">
            <li>Identify every app that calls these flows.</li>
            <li>Create a replacement key.</li>
            <li>Bind the flows to it (Flows tab) and update the apps.</li>
            <li>Test that they answer.</li>
            <li>Then delete this key.</li>
          </ol>
          <Field
            label={`Type ${key.keyName} to delete it anyway`}
            value={typed}
            onValueChange={setTyped}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      )}
      <div className="row row-end">
        <DialogClose>Cancel</DialogClose>
        {bound.length === 0 ? null : (
          <Button
            variant="primary"
            onClick={() => {
              onRotateInstead(key);
            }}
          >
            Rotate instead
          </Button>
        )}
        <Button type="submit" variant="danger" disabled={busy || !confirmed}>
          Delete key
        </Button>
      </div>
    </form>
  );
}
