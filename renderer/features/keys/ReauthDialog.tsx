// The master-password question before a copy, when the last unlock is too long ago.
import { MasterPasswordDialog } from '../../ui/MasterPasswordDialog.js';

export interface ReauthDialogProps {
  /** What is about to be copied; the dialog is open while set. */
  label: string | null;
  /** Main's explanation of why it asks. */
  reason: string;
  /** Resolves to an error message, or null once the copy went through. */
  onSubmit: (password: string) => Promise<string | null>;
  onClose: () => void;
}

export function ReauthDialog({ label, reason, onSubmit, onClose }: ReauthDialogProps) {
  return (
    <MasterPasswordDialog
      open={label !== null}
      description={`${reason} It is needed to copy ${label ?? ''}.`}
      submitLabel="Copy"
      onSubmit={onSubmit}
      onClose={onClose}
    />
  );
}
