// A finding's severity, in words (never colour alone), shared by the Overview and the rows of the
// Keys and Credentials pages.
import type { FindingSeverity } from '../../../common/ipc/schemas/overview.js';

const WORDS: Record<FindingSeverity, string> = { high: 'High', medium: 'Medium', low: 'Low' };

export function SeverityBadge({ severity }: { severity: FindingSeverity }) {
  return <span className={`badge severity-${severity}`}>{WORDS[severity]}</span>;
}
