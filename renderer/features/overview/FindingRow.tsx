// One finding: its severity, what it is about, why it matters, and its fix, one click away.
import type { Finding, FixAction } from '../../../common/ipc/schemas/overview.js';
import { Button } from '../../ui/Button.js';
import { SeverityBadge } from './SeverityBadge.js';

const DESTRUCTIVE = new Set<FixAction>(['delete-key', 'delete-credential']);

export interface FindingRowProps {
  finding: Finding;
  busy: boolean;
  onFix: (finding: Finding, action: FixAction) => void;
}

export function FindingRow({ finding, busy, onFix }: FindingRowProps) {
  const fixes = [finding.fix, ...(finding.fix.alternatives ?? [])];
  return (
    <article className="finding" aria-label={`${finding.subject.name}: ${finding.why}`}>
      <div className="finding-text">
        <p className="row">
          <SeverityBadge severity={finding.severity} />
          <strong>{finding.subject.name}</strong>
          <span className="muted small">{finding.instanceName}</span>
        </p>
        <p className="finding-why">{finding.why}</p>
      </div>
      <div className="row">
        {fixes.map((fix, index) => (
          <Button
            key={fix.action}
            variant={DESTRUCTIVE.has(fix.action) ? 'danger' : index === 0 ? 'primary' : 'secondary'}
            disabled={busy}
            aria-label={`${fix.label}: ${finding.subject.name}`}
            onClick={() => {
              onFix(finding, fix.action);
            }}
          >
            {fix.label}
          </Button>
        ))}
      </div>
    </article>
  );
}
