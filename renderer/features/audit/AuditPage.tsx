// The Audit page: what this app changed, where and by whom, newest first. Loads afresh each time
// the page is shown, and on Refresh.
import { useEffect, useMemo } from 'react';

import { useAuditStore, useInstancesStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { AuditActions } from './AuditActions.js';
import { AuditFilters } from './AuditFilters.js';
import { AuditTable } from './AuditTable.js';
import { countWords } from './audit-words.js';

export function AuditPage() {
  const records = useAuditStore((s) => s.records);
  const total = useAuditStore((s) => s.total);
  const loading = useAuditStore((s) => s.loading);
  const filter = useAuditStore((s) => s.filter);
  const error = useAuditStore((s) => s.error);
  const refresh = useAuditStore((s) => s.refresh);
  const clearError = useAuditStore((s) => s.clearError);
  const instances = useInstancesStore((s) => s.instances);
  const instanceNames = useMemo(
    () => new Map((instances ?? []).map((i) => [i.id, i.name])),
    [instances],
  );
  const filtered = filter.action !== null || filter.instanceId !== null || filter.text !== '';

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <div className="sections sections-wide">
      <p className="muted">
        What this app changed on each instance, when, and by which computer account. The log is kept
        encrypted in the vault, and each record is chained to the one before it, so a change to the
        log shows up when you verify it. Records name keys and credentials but never hold their
        values.
      </p>
      <AuditFilters />
      <AuditActions />
      {error === null ? null : (
        <Alert actions={<Button onClick={clearError}>Dismiss</Button>}>
          <p>{error.message}</p>
        </Alert>
      )}
      {records === null ? (
        error?.action === 'load' ? null : (
          <p className="muted">Loading the audit log…</p>
        )
      ) : records.length === 0 ? (
        <div className="block empty-state">
          {filtered ? (
            <p>No records match these filters.</p>
          ) : (
            <>
              <h2>No records yet</h2>
              <p>Adding an instance, or creating, copying or deleting a key, adds a record here.</p>
            </>
          )}
        </div>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {countWords(records.length, total)}
          </p>
          <AuditTable records={records} instanceNames={instanceNames} busy={loading} />
        </>
      )}
    </div>
  );
}
