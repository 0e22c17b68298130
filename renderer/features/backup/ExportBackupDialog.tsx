// Export: which instances, whether the audit log goes too, the backup's passphrase twice and the
// master password again; main seals the file and it is saved through the save dialog. Passwords
// live in this form's state only, mounted while the dialog is open, and are cleared once sent.
import { useState } from 'react';

import type { BackupFile } from '../../../common/ipc/schemas/backup.js';
import { useApi } from '../../api/api-context.js';
import { useInstancesStore } from '../../stores/stores-context.js';
import { attempt } from '../../stores/store-kit.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogForm, useFormAction } from '../../ui/DialogForm.js';
import { CheckboxField } from '../../ui/Field.js';
import { MasterPasswordField } from '../../ui/MasterPasswordField.js';
import { RadioGroup } from '../../ui/RadioGroup.js';
import { downloadBase64 } from '../audit/download-file.js';
import type { PassphraseValues } from './PassphraseFields.js';
import { PassphraseFields, passphraseReady } from './PassphraseFields.js';

export interface ExportBackupDialogProps {
  open: boolean;
  onClose: () => void;
  onExported: (file: BackupFile) => void;
}

export function ExportBackupDialog(props: ExportBackupDialogProps) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      wide
      title="Export an encrypted backup"
      description="The backup holds instance profiles, admin keys, rotations, policies and targets, sealed under a passphrase of its own. Keep the passphrase apart from the file."
    >
      {props.open ? <ExportForm {...props} /> : null}
    </Dialog>
  );
}

type Scope = 'all' | 'chosen';

function ExportForm({ onExported }: ExportBackupDialogProps) {
  const api = useApi();
  const instances = useInstancesStore((s) => s.instances) ?? [];
  const [scope, setScope] = useState<Scope>('all');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [includeAudit, setIncludeAudit] = useState(true);
  const [passphrase, setPassphrase] = useState<PassphraseValues>({ passphrase: '', confirm: '' });
  const [password, setPassword] = useState('');
  const { busy, failure, run } = useFormAction();
  const ready =
    passphraseReady(passphrase) && password !== '' && (scope === 'all' || chosen.size > 0);

  const submit = () =>
    void run(async () => {
      const outcome = await attempt(() =>
        api.backup.export({
          password,
          passphrase: passphrase.passphrase,
          includeAudit,
          ...(scope === 'chosen' ? { instanceIds: [...chosen] } : {}),
        }),
      );
      setPassword('');
      if (!outcome.ok) return outcome.error.message;
      setPassphrase({ passphrase: '', confirm: '' });
      downloadBase64(outcome.value.fileName, outcome.value.content);
      onExported(outcome.value);
      return null;
    });

  return (
    <DialogForm
      className="stack"
      failure={failure}
      submitLabel="Export"
      submitDisabled={busy || !ready}
      onSubmit={submit}
    >
      <RadioGroup<Scope>
        legend="Instances"
        name="backup-scope"
        value={scope}
        onValueChange={setScope}
        options={[
          { value: 'all', label: 'The whole vault' },
          { value: 'chosen', label: 'Chosen instances' },
        ]}
      />
      {scope === 'chosen' ? (
        <fieldset>
          <legend>Instances to export</legend>
          {instances.map((instance) => (
            <CheckboxField
              key={instance.id}
              label={instance.name}
              hint={instance.baseUrl}
              checked={chosen.has(instance.id)}
              onCheckedChange={(checked) => {
                const next = new Set(chosen);
                if (checked) next.add(instance.id);
                else next.delete(instance.id);
                setChosen(next);
              }}
            />
          ))}
        </fieldset>
      ) : null}
      <CheckboxField
        label="Include the audit log"
        checked={includeAudit}
        onCheckedChange={setIncludeAudit}
      />
      <PassphraseFields values={passphrase} onChange={setPassphrase} />
      <MasterPasswordField
        value={password}
        onValueChange={setPassword}
        hint="Asked again: the backup carries every admin key it holds out of the vault."
      />
    </DialogForm>
  );
}
