// Import: the file and its passphrase, then main's preview (new, identical, in conflict), a choice
// for each conflict, and one import in one vault save. Nothing changes before Import is pressed.
// The passphrase lives in this form's state only, mounted while the dialog is open.
import { useState } from 'react';

import type {
  BackupPreview,
  ImportResult,
  Resolution,
} from '../../../common/ipc/schemas/backup.js';
import { useApi } from '../../api/api-context.js';
import { attempt } from '../../stores/store-kit.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogForm, useFormAction } from '../../ui/DialogForm.js';
import { Field } from '../../ui/Field.js';
import { BackupFileField } from './BackupFileField.js';
import type { PickedBackup } from './BackupFileField.js';
import { BackupPreviewList } from './BackupPreviewList.js';

export interface ImportBackupDialogProps {
  open: boolean;
  onClose: () => void;
  onImported: (result: ImportResult) => void;
}

export function ImportBackupDialog(props: ImportBackupDialogProps) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      wide
      title="Import an encrypted backup"
      description="Choose a .fkvbak file and enter its passphrase. You see what it holds, and choose for each conflict, before anything changes."
    >
      {props.open ? <ImportForm {...props} /> : null}
    </Dialog>
  );
}

function ImportForm({ onImported }: ImportBackupDialogProps) {
  const api = useApi();
  const [picked, setPicked] = useState<PickedBackup | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [choices, setChoices] = useState<Partial<Record<string, Resolution>>>({});
  const { busy, failure, run } = useFormAction();

  if (preview === null || picked === null) {
    return (
      <DialogForm
        className="stack"
        failure={failure}
        submitLabel="Preview"
        submitDisabled={busy || picked === null || passphrase === ''}
        onSubmit={() =>
          void run(async () => {
            if (picked === null) return null;
            const outcome = await attempt(() =>
              api.backup.preview({ content: picked.content, passphrase }),
            );
            if (!outcome.ok) return outcome.error.message;
            setChoices({});
            setPreview(outcome.value);
            return null;
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
      </DialogForm>
    );
  }

  const conflicts = preview.items.filter((item) => item.status === 'conflict');
  const resolutions: Record<string, Resolution> = {};
  for (const item of conflicts) {
    const choice = choices[item.id];
    if (choice !== undefined) resolutions[item.id] = choice;
  }
  const undecided = conflicts.length - Object.keys(resolutions).length;

  return (
    <DialogForm
      className="stack"
      failure={failure}
      submitLabel="Import"
      submitDisabled={busy || undecided > 0}
      onSubmit={() =>
        void run(async () => {
          const outcome = await attempt(() =>
            api.backup.import({ content: picked.content, passphrase, resolutions }),
          );
          if (!outcome.ok) return outcome.error.message;
          setPassphrase('');
          onImported(outcome.value);
          return null;
        })
      }
    >
      <BackupPreviewList
        preview={preview}
        choices={choices}
        onChoose={(id, choice) => {
          setChoices({ ...choices, [id]: choice });
        }}
      />
      <p role="status" className="muted">
        {undecided > 0
          ? `Choose what to do with ${String(undecided)} conflicting instance${undecided === 1 ? '' : 's'} to import.`
          : ''}
      </p>
    </DialogForm>
  );
}
