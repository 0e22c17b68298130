// The Overview, the first page after unlock: every instance's findings, grouped by instance and
// severity, each with why it matters and its fix. Instances fill in as their answers arrive; the
// list is windowed like the keys list, and filtered on a deferred copy of the text, so a filter
// keystroke costs the same over 50 or 5,000 findings.
import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useState } from 'react';

import type { OverviewExportFormat } from '../../../common/ipc/schemas/overview.js';
import { countOf } from '../../../common/words.js';
import { useOverviewStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { VirtualList } from '../../ui/VirtualList.js';
import { downloadFile } from '../audit/download-file.js';
import { FindingRow } from './FindingRow.js';
import { InstanceProgress } from './InstanceProgress.js';
import { OVERVIEW_SHOWN_MARK } from './overview-marks.js';
import { indexFindings, rowsMatching } from './overview-rows.js';
import { SeverityBadge } from './SeverityBadge.js';
import { useFindingFixes } from './use-finding-fixes.js';

export const FINDING_ROW_HEIGHT = 104;

const EXPORTS: readonly { format: OverviewExportFormat; label: string }[] = [
  { format: 'markdown', label: 'Export Markdown' },
  { format: 'json', label: 'Export JSON' },
  { format: 'csv', label: 'Export CSV' },
];

export function OverviewPage() {
  const instances = useOverviewStore((s) => s.instances);
  const findings = useOverviewStore((s) => s.findings);
  const running = useOverviewStore((s) => s.running);
  const error = useOverviewStore((s) => s.error);
  const load = useOverviewStore((s) => s.load);
  const refresh = useOverviewStore((s) => s.refresh);
  const exportReport = useOverviewStore((s) => s.exportReport);
  const [filter, setFilter] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const fixes = useFindingFixes(setAnnouncement);

  useEffect(() => {
    if (findings === null) void load();
    // Once per visit: the report is cached in main since the unlock.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const all = useMemo(() => findings ?? [], [findings]);
  const index = useMemo(() => indexFindings(instances, all), [instances, all]);
  // The typed character is painted first; the list follows at the next idle moment.
  const deferred = useDeferredValue(filter);
  const { rows, shown } = useMemo(() => rowsMatching(index, deferred), [index, deferred]);
  useLayoutEffect(() => {
    // For test/bench/overview-filter-bench.ts. Clearing keeps the page's timeline from growing.
    performance.mark(OVERVIEW_SHOWN_MARK, {
      detail: { text: deferred, shown, total: findings?.length ?? null },
    });
    performance.clearMarks(OVERVIEW_SHOWN_MARK);
  }, [rows, shown, findings, deferred]);

  async function exportAs(format: OverviewExportFormat) {
    const outcome = await exportReport(format);
    if (!outcome.ok) {
      setAnnouncement(outcome.error.message);
      return;
    }
    downloadFile(outcome.value.fileName, outcome.value.text, outcome.value.mimeType);
    setAnnouncement(`Exported the report as ${outcome.value.fileName}.`);
  }

  return (
    <div className="sections sections-wide">
      <div className="row">
        <Button variant="primary" onClick={() => void refresh()} disabled={running}>
          {running ? 'Refreshing…' : 'Refresh'}
        </Button>
        {EXPORTS.map(({ format, label }) => (
          <Button key={format} onClick={() => void exportAs(format)} disabled={findings === null}>
            {label}
          </Button>
        ))}
      </div>
      <p role="status" className="notice">
        {announcement}
      </p>
      {error === null ? null : (
        <Alert>
          <p>{error.message}</p>
        </Alert>
      )}
      <InstanceProgress instances={instances} running={running} />
      <Field
        label="Filter findings"
        type="search"
        value={filter}
        onValueChange={setFilter}
        hint="By instance, name, severity or words of the finding."
      />
      {findings === null ? (
        <p className="muted">{running ? 'Checking every instance…' : ''}</p>
      ) : shown === 0 ? (
        <p className="empty-state">
          {all.length === 0
            ? 'Nothing to fix: no finding on any instance.'
            : 'No finding matches the filter.'}
        </p>
      ) : (
        <>
          <p className="muted">
            {shown === all.length
              ? countOf(all.length, 'finding')
              : `${String(shown)} of ${countOf(all.length, 'finding')}`}
          </p>
          <VirtualList
            label="Findings"
            items={rows}
            rowHeight={FINDING_ROW_HEIGHT}
            maxHeight={FINDING_ROW_HEIGHT * 6}
            itemKey={(row) => row.id}
            renderItem={(row) =>
              row.kind === 'group' ? (
                <h2 className="finding-group row">
                  {row.instanceName} <SeverityBadge severity={row.severity} />
                  <span className="muted small">{countOf(row.count, 'finding')}</span>
                </h2>
              ) : (
                <FindingRow
                  finding={row.finding}
                  busy={fixes.busy === row.finding.id}
                  onFix={(finding, action) => void fixes.start(finding, action)}
                />
              )
            }
          />
        </>
      )}
      {fixes.dialogs}
    </div>
  );
}
