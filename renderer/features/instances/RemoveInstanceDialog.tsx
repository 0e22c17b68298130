import { useState } from 'react';

import type { InstanceSummary } from '../../../common/ipc/schemas/instances.js';
import { useInstancesStore } from '../../stores/stores-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogForm } from '../../ui/DialogForm.js';

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
      onClose={() => {
        setFailure(null);
        onClose();
      }}
      onCloseAutoFocus={onCloseAutoFocus}
      title={`Remove ${name}?`}
      description={`${name} and its admin key are deleted from this vault. Nothing changes on the Flowise server, and its API keys keep working.`}
    >
      <DialogForm
        failure={failure}
        submitLabel="Remove instance"
        submitVariant="danger"
        submitDisabled={busy}
        onSubmit={() => {
          if (instance !== undefined) void confirm(instance);
        }}
      />
    </Dialog>
  );
}
