// A key's delivery targets: where a rotation puts its new value. List, add, edit and remove them;
// saving one asks for the master password, since a target decides where the key goes and what
// runs with it. Everything here is a definition; no key value is ever shown or sent.
import { useEffect, useState } from 'react';

import type { DeliveryTarget, TargetDraft } from '../../../common/ipc/schemas/delivery.js';
import { useDeliveryStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';
import { MasterPasswordDialog } from '../../ui/MasterPasswordDialog.js';
import { EMPTY_FIELDS, fieldsOf, targetSummary } from './target-fields.js';
import { TargetForm } from './TargetForm.js';

export interface TargetsDialogProps {
  /** The dialog is open while set. */
  keyRef: { instanceId: string; keyId: string; label: string } | undefined;
  onClose: () => void;
}

type Mode =
  | { kind: 'list' }
  | { kind: 'edit'; target: DeliveryTarget | null }
  | { kind: 'remove'; target: DeliveryTarget };

export function TargetsDialog({ keyRef, onClose }: TargetsDialogProps) {
  const show = useDeliveryStore((s) => s.show);
  const instanceId = keyRef?.instanceId;
  const keyId = keyRef?.keyId;
  useEffect(() => {
    void show(instanceId === undefined || keyId === undefined ? null : { instanceId, keyId });
  }, [show, instanceId, keyId]);
  return (
    <Dialog
      open={keyRef !== undefined}
      onClose={onClose}
      wide
      title={`Delivery targets of ${keyRef?.label ?? ''}`}
      description="When this key is rotated, the new key is put into each target, then each target’s check runs. Revoke waits until all of them worked."
    >
      {keyRef === undefined ? null : <TargetsBody />}
    </Dialog>
  );
}

function TargetsBody() {
  const store = useDeliveryStore((s) => s);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [pending, setPending] = useState<TargetDraft | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const backToList = (sentence: string) => {
    setMode({ kind: 'list' });
    setFailure(null);
    setAnnouncement(sentence);
  };

  if (mode.kind === 'edit')
    return (
      <>
        <TargetForm
          initial={mode.target === null ? EMPTY_FIELDS : fieldsOf(mode.target)}
          submitLabel={mode.target === null ? 'Add target' : 'Save target'}
          busy={busy}
          failure={failure}
          onBack={() => {
            backToList('');
          }}
          onSubmit={setPending}
        />
        <MasterPasswordDialog
          open={pending !== null}
          description="Saving a delivery target needs the master password: a target decides where the key goes and what runs with it."
          submitLabel={mode.target === null ? 'Add target' : 'Save target'}
          onClose={() => {
            setPending(null);
          }}
          onSubmit={async (password) => {
            if (pending === null) return null;
            const outcome =
              mode.target === null
                ? await store.add(pending, password)
                : await store.update(mode.target.id, pending, password);
            if (outcome.ok) {
              backToList(`Target "${outcome.value.label}" saved.`);
              return null;
            }
            if (outcome.error.code === 'wrong_password') return outcome.error.message;
            setFailure(outcome.error.message);
            return null;
          }}
        />
      </>
    );

  if (mode.kind === 'remove')
    return (
      <div className="stack" role="group" aria-label={`Remove "${mode.target.label}"`}>
        {failure === null ? null : (
          <Alert>
            <p>{failure}</p>
          </Alert>
        )}
        <p>
          Remove <strong>{mode.target.label}</strong>? The next rotation of this key will not put
          the new key there. The file or the store itself is left as it is.
        </p>
        <div className="row row-end">
          <Button
            onClick={() => {
              backToList('');
            }}
          >
            Keep it
          </Button>
          <Button
            variant="danger"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void store.remove(mode.target.id).then((outcome) => {
                setBusy(false);
                if (outcome.ok) backToList(`Target "${mode.target.label}" removed.`);
                else setFailure(outcome.error.message);
              });
            }}
          >
            Remove target
          </Button>
        </div>
      </div>
    );

  const { targets, listError } = store;
  return (
    <div className="stack">
      <p role="status" className="notice">
        {announcement}
      </p>
      {listError === null ? null : (
        <Alert>
          <p>The targets could not be loaded. {listError.message}</p>
        </Alert>
      )}
      {targets === null ? (
        listError === null ? (
          <p className="muted">Loading the targets…</p>
        ) : null
      ) : targets.length === 0 ? (
        <p>No target yet: a rotation leaves it to you to put the new key where apps read it.</p>
      ) : (
        <ul className="delivery-targets" aria-label="Delivery targets">
          {targets.map((target) => (
            <li key={target.id} className="row row-between">
              <div>
                <strong>{target.label}</strong>
                <p className="muted small">{targetSummary(target)}</p>
              </div>
              <div className="row">
                <Button
                  onClick={() => {
                    setFailure(null);
                    setMode({ kind: 'edit', target });
                  }}
                >
                  Edit <span className="visually-hidden">{target.label}</span>
                </Button>
                <Button
                  variant="danger"
                  onClick={() => {
                    setFailure(null);
                    setMode({ kind: 'remove', target });
                  }}
                >
                  Remove <span className="visually-hidden">{target.label}</span>
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="row row-end">
        <DialogClose>Close</DialogClose>
        <Button
          variant="primary"
          onClick={() => {
            setFailure(null);
            setMode({ kind: 'edit', target: null });
          }}
        >
          Add a target
        </Button>
      </div>
    </div>
  );
}
