// First run on a new machine: a new vault made from a .fkvbak, sealed with a new master password.
// The passphrase and password live in this form's state only and go straight into the call.
import { useState } from 'react';

import { MIN_PASSWORD_LENGTH } from '../../../common/password-strength.js';
import { useVaultStore } from '../../stores/stores-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogForm, useFormAction } from '../../ui/DialogForm.js';
import { Field } from '../../ui/Field.js';
import { BackupFileField } from '../backup/BackupFileField.js';
import type { PickedBackup } from '../backup/BackupFileField.js';
import { NewPasswordFields } from './NewPasswordFields.js';

export interface RestoreBackupDialogProps {
  open: boolean;
  onClose: () => void;
}

export function RestoreBackupDialog(props: RestoreBackupDialogProps) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title="Restore from a backup"
      description="Make this vault from an encrypted backup (.fkvbak): enter the backup's passphrase, and choose the master password of the new vault."
    >
      {props.open ? <RestoreForm /> : null}
    </Dialog>
  );
}

function RestoreForm() {
  const restoreFromFile = useVaultStore((s) => s.restoreFromFile);
  const [picked, setPicked] = useState<PickedBackup | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, failure, run } = useFormAction();
  const length = Array.from(password).length;
  const ready =
    picked !== null && passphrase !== '' && length >= MIN_PASSWORD_LENGTH && confirm === password;

  return (
    <DialogForm
      className="stack"
      failure={failure}
      submitLabel="Restore"
      submitDisabled={busy || !ready}
      onSubmit={() =>
        void run(async () => {
          if (picked === null) return null;
          const error = await restoreFromFile({
            content: picked.content,
            passphrase,
            password,
          });
          // On success the vault screens give way to the app; this form is gone with them.
          return error?.message ?? null;
        })
      }
    >
      <BackupFileField onPicked={setPicked} />
      <Field
        label="Backup passphrase"
        type="password"
        autoComplete="off"
        value={passphrase}
        onValueChange={setPassphrase}
      />
      <NewPasswordFields
        password={password}
        confirm={confirm}
        onPasswordChange={setPassword}
        onConfirmChange={setConfirm}
        strict={false}
      />
    </DialogForm>
  );
}
