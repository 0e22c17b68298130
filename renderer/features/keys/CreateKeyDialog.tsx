// Create a key, then show its value once. The value is redeemed from main with the one-time ticket
// into RevealStep's own state, which goes away with the dialog: it is never in a store.
import { useState } from 'react';

import type { CreatedKey } from '../../../common/ipc/schemas/keys.js';
import { Dialog } from '../../ui/Dialog.js';
import { CreateKeyForm } from './CreateKeyForm.js';
import { RevealStep } from './RevealStep.js';
import { useCatalogWhileOpen } from './use-catalog-while-open.js';

export interface CreateKeyDialogProps {
  open: boolean;
  onClose: () => void;
  /** Called once the key exists, before its value is shown. */
  onCreated: (keyName: string) => void;
}

export function CreateKeyDialog({ open, onClose, onCreated }: CreateKeyDialogProps) {
  const [created, setCreated] = useState<CreatedKey | null>(null);

  useCatalogWhileOpen(open);

  return (
    <Dialog
      open={open}
      onClose={() => {
        setCreated(null);
        onClose();
      }}
      wide
      dismissible={created === null}
      title={created === null ? 'Create API key' : `Key ${created.key.keyName} created`}
      description={
        created === null
          ? 'Name the key and choose what it may do. The value is shown once, right after it is made.'
          : 'Store the value now, in your password manager or the app that needs it.'
      }
    >
      {created === null ? (
        <CreateKeyForm
          onCreated={(result) => {
            setCreated(result);
            onCreated(result.key.keyName);
          }}
        />
      ) : (
        <RevealStep
          created={created}
          onDone={() => {
            setCreated(null);
            onClose();
          }}
        />
      )}
    </Dialog>
  );
}
