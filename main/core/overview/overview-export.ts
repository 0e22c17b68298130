// The Overview report as a file: Markdown to read, JSON to process, CSV for a spreadsheet. Only what
// the report holds goes in (names, ids, rules, sentences), so no key value or secret can.
import type {
  Finding,
  OverviewExport,
  OverviewExportFormat,
  OverviewReport,
} from '../../../common/ipc/schemas/overview.js';
import { csvCell } from '../../../common/csv.js';
import { countOf } from '../../../common/words.js';

const FORMATS: Record<OverviewExportFormat, { extension: string; mimeType: string }> = {
  markdown: { extension: 'md', mimeType: 'text/markdown' },
  json: { extension: 'json', mimeType: 'application/json' },
  csv: { extension: 'csv', mimeType: 'text/csv' },
};

const CSV_COLUMNS = [
  'severity',
  'instance',
  'rule',
  'kind',
  'subject',
  'subject id',
  'why',
  'fix',
] as const;

function csvRow(f: Finding): string {
  return [
    f.severity,
    f.instanceName,
    f.rule,
    f.subject.kind,
    f.subject.name,
    f.subject.id,
    f.why,
    f.fix.label,
  ]
    .map(csvCell)
    .join(',');
}

/** Text for a Markdown table cell: no pipe or line break can end the cell early. */
function mdCell(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

function markdown(report: OverviewReport): string {
  const at = new Date(report.generatedAt).toISOString();
  const lines = [
    '# Flowise Key Vault: Overview',
    '',
    `Generated ${at}: ${countOf(report.findings.length, 'finding')} across ${countOf(report.instances.length, 'instance')}.`,
    '',
    '## Instances',
    '',
    '| instance | state | findings |',
    '| --- | --- | --- |',
    ...report.instances.map(
      (i) =>
        `| ${mdCell(i.name)} | ${i.state}${i.error === undefined ? '' : `: ${mdCell(i.error.message)}`} | ${String(report.findings.filter((f) => f.instanceId === i.instanceId).length)} |`,
    ),
    '',
    '## Findings',
    '',
    '| severity | instance | subject | why | fix |',
    '| --- | --- | --- | --- | --- |',
    ...report.findings.map(
      (f) =>
        `| ${f.severity} | ${mdCell(f.instanceName)} | ${f.subject.kind} ${mdCell(f.subject.name)} | ${mdCell(f.why)} | ${mdCell(f.fix.label)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

export function exportReport(report: OverviewReport, format: OverviewExportFormat): OverviewExport {
  const stamp = new Date(report.generatedAt).toISOString().replace(/[:.]/g, '-');
  const { extension, mimeType } = FORMATS[format];
  const text =
    format === 'json'
      ? JSON.stringify({ format: 'flowise-key-vault-overview/1', ...report }, null, 2)
      : format === 'csv'
        ? [CSV_COLUMNS.join(','), ...report.findings.map(csvRow)].join('\r\n') + '\r\n'
        : markdown(report);
  return { fileName: `flowise-key-vault-overview-${stamp}.${extension}`, mimeType, text };
}
