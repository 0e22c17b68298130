import type { InstanceSummary } from '../../../common/ipc/schemas/instances.js';
import { Dialog } from '../../ui/Dialog.js';
import { InstanceForm } from './InstanceForm.js';

export interface InstanceDialogProps {
  open: boolean;
  onClose: () => void;
  /** Edit mode when given. */
  instance: InstanceSummary | undefined;
  onSaved: (saved: InstanceSummary) => void;
}

export function InstanceDialog({ open, onClose, instance, onSaved }: InstanceDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      wide
      title={instance === undefined ? 'Add instance' : `Edit ${instance.name}`}
      description={
        instance === undefined
          ? 'The address of a Flowise server and an admin API key are all it takes. The key is kept encrypted in this vault.'
          : 'Change what you need. Leave the admin API key empty to keep the saved one.'
      }
    >
      <InstanceForm instance={instance} onSaved={onSaved} />
    </Dialog>
  );
}
