// The report as Markdown, JSON and CSV: named by format, and no name can break out of its cell.
import { describe, expect, it } from 'vitest';

import type { Finding, OverviewReport } from '../../../common/ipc/schemas/overview.js';
import { exportReport } from './overview-export.js';

const finding = (name: string): Finding => ({
  id: `flow-public:i1:${name}`,
  rule: 'flow-public',
  severity: 'high',
  instanceId: 'i1',
  instanceName: 'prod | eu',
  subject: { kind: 'flow', id: 'f1', name },
  why: 'No key protects this flow.',
  fix: { action: 'bind-key', label: 'Bind a key' },
});

const report = (findings: Finding[]): OverviewReport => ({
  generatedAt: Date.UTC(2026, 11, 6, 12),
  instances: [{ instanceId: 'i1', name: 'prod | eu', state: 'ok' }],
  findings,
});

describe('overview export', () => {
  it('names the file and its type by format', () => {
    const r = report([]);
    expect(exportReport(r, 'markdown')).toMatchObject({
      fileName: 'flowise-key-vault-overview-2026-12-06T12-00-00-000Z.md',
      mimeType: 'text/markdown',
    });
    expect(exportReport(r, 'csv').fileName).toMatch(/\.csv$/);
    expect(JSON.parse(exportReport(r, 'json').text)).toEqual({
      format: 'flowise-key-vault-overview/1',
      ...r,
    });
  });

  it('CSV: one quoted row per finding, and a cell a spreadsheet would run is defused', () => {
    const text = exportReport(
      report([finding('=HYPERLINK("x")'), finding('plain, "quoted"')]),
      'csv',
    ).text;
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('severity,instance,rule,kind,subject,subject id,why,fix');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[2]).toContain('"plain, ""quoted"""');
    expect(lines).toHaveLength(3);
  });

  it('Markdown: a pipe or line break in a name stays inside its cell', () => {
    const text = exportReport(report([finding('a | b\nc')]), 'markdown').text;
    const row = text.split('\n').find((l) => l.startsWith('| high'));
    expect(row).toBe(
      '| high | prod \\| eu | flow a \\| b c | No key protects this flow. | Bind a key |',
    );
    expect(text).toContain('1 finding across 1 instance.');
  });
});
