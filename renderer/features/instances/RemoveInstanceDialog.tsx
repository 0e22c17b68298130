import { useState } from 'react';

import type { InstanceSummary } from '../../../common/ipc/schemas/instances.js';
import { useInstancesStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';

export interface RemoveInstanceDialogProps {
  /** The instance to remove; the dialog is open while set. */
  instance: InstanceSummary | undefined;
  onClose: () => void;
  onRemoved: (name: string) => void;
  onCloseAutoFocus: (event: Event) => void;
}

export function RemoveInstanceDialog({
  instance,
  onClose,
  onRemoved,
  onCloseAutoFocus,
}: RemoveInstanceDialogProps) {
  const remove = useInstancesStore((s) => s.remove);
  const busy = useInstancesStore((s) => s.busy);
  const [failure, setFailure] = useState<string | null>(null);
  const name = instance?.name ?? '';

  async function confirm(target: InstanceSummary) {
    setFailure(null);
    const error = await remove(target.id);
    if (error === null) onRemoved(target.name);
    else setFailure(error.message);
  }

  return (
    <Dialog
      open={instance !== undefined}
      onOpenChange={(open) => {
        if (!open) {
          setFailure(null);
          onClose();
        }
      }}
      onCloseAutoFocus={onCloseAutoFocus}
      title={`Remove ${name}?`}
      description={`${name} and its admin key are deleted from this vault. Nothing changes on the Flowise server, and its API keys keep working.`}
    >
      {failure === null ? null : (
        <Alert>
          <p>{failure}</p>
        </Alert>
      )}
      <div className="row row-end">
        <DialogClose>Cancel</DialogClose>
        <Button
          variant="danger"
          disabled={busy}
          onClick={() => {
            if (instance !== undefined) void confirm(instance);
          }}
        >
          Remove instance
        </Button>
      </div>
    </Dialog>
  );
}
