// Refresh, the integrity check and the export, with what each of them found. The check's outcome
// is a status when the chain holds and an alert when it does not.
import { useState } from 'react';

import { useAuditStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { downloadFile } from './download-file.js';

export function AuditActions() {
  const loading = useAuditStore((s) => s.loading);
  const verifying = useAuditStore((s) => s.verifying);
  const exporting = useAuditStore((s) => s.exporting);
  const verification = useAuditStore((s) => s.verification);
  const refresh = useAuditStore((s) => s.refresh);
  const verify = useAuditStore((s) => s.verify);
  const exportLog = useAuditStore((s) => s.exportLog);
  const [exported, setExported] = useState('');

  async function exportToFile() {
    setExported('');
    const outcome = await exportLog();
    if (!outcome.ok) return;
    downloadFile(outcome.value.fileName, outcome.value.json);
    setExported(`Exported the whole log as ${outcome.value.fileName}.`);
  }

  const checked = verifying
    ? 'Checking every record against the one before it…'
    : verification?.ok === true
      ? `Integrity OK. ${verification.summary}`
      : '';

  return (
    <div className="stack">
      <div className="row">
        <Button onClick={() => void refresh()} disabled={loading}>
          Refresh
        </Button>
        <Button onClick={() => void verify()} disabled={verifying}>
          Verify integrity
        </Button>
        <Button onClick={() => void exportToFile()} disabled={exporting}>
          Export
        </Button>
      </div>
      <p role="status" className="confirmation" data-testid="audit-verification">
        {checked}
      </p>
      {verification?.ok === false ? (
        <Alert>
          <p>
            {verification.brokenAt === undefined
              ? 'Integrity check failed.'
              : `Integrity check failed at record ${String(verification.brokenAt + 1)}.`}{' '}
            {verification.summary}
          </p>
        </Alert>
      ) : null}
      <p role="status" className="confirmation">
        {exported}
      </p>
    </div>
  );
}
