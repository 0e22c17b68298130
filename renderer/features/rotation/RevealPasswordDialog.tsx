// The master-password question before the new key is shown a second time, when the last unlock is
// too long ago.
import { MasterPasswordDialog } from '../../ui/MasterPasswordDialog.js';

export interface RevealPasswordDialogProps {
  /** Main's explanation of why it asks; the dialog is open while set. */
  reason: string | null;
  /** Resolves to an error message, or null once the key can be shown. */
  onSubmit: (password: string) => Promise<string | null>;
  onClose: () => void;
}

export function RevealPasswordDialog({ reason, onSubmit, onClose }: RevealPasswordDialogProps) {
  return (
    <MasterPasswordDialog
      open={reason !== null}
      description={`${reason ?? ''} It is needed to show the new key again.`}
      submitLabel="Show the key"
      onSubmit={onSubmit}
      onClose={onClose}
    />
  );
}
