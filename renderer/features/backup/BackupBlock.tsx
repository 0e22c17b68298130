// Settings › Encrypted backup: export the vault to a .fkvbak, or import one, each in its dialog;
// what the last one did stays as a status line.
import { useState } from 'react';

import { Button } from '../../ui/Button.js';
import { ExportBackupDialog } from './ExportBackupDialog.js';
import { ImportBackupDialog } from './ImportBackupDialog.js';

type Open = 'export' | 'import' | null;

export function BackupBlock() {
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState('');
  const close = () => {
    setOpen(null);
  };
  return (
    <section className="block" aria-labelledby="backup-heading">
      <h2 id="backup-heading">Encrypted backup</h2>
      <p className="muted">
        Move the vault, or some of its instances, to another machine in one .fkvbak file sealed with
        a passphrase of its own.
      </p>
      <div className="row">
        <Button
          onClick={() => {
            setDone('');
            setOpen('export');
          }}
        >
          Export a backup
        </Button>
        <Button
          onClick={() => {
            setDone('');
            setOpen('import');
          }}
        >
          Import a backup
        </Button>
      </div>
      <p role="status" className="confirmation">
        {done}
      </p>
      <ExportBackupDialog
        open={open === 'export'}
        onClose={close}
        onExported={(file) => {
          close();
          setDone(
            `Backup of ${String(file.instances)} instance${file.instances === 1 ? '' : 's'} saved as ${file.fileName}.`,
          );
        }}
      />
      <ImportBackupDialog
        open={open === 'import'}
        onClose={close}
        onImported={(result) => {
          close();
          setDone(
            `Backup imported: ${String(result.added)} added, ${String(result.replaced)} replaced, ${String(result.keptBoth)} kept both, ${String(result.keptMine)} kept mine, ${String(result.identical)} identical.`,
          );
        }}
      />
    </section>
  );
}
