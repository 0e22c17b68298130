import { describe, expect, it } from 'vitest';

import type { Finding, OverviewInstance } from '../../../common/ipc/schemas/overview.js';
import { indexFindings, rowsMatching } from './overview-rows.js';

const instance = (instanceId: string, name: string): OverviewInstance => ({
  instanceId,
  name,
  state: 'ok',
  checkedAt: 0,
});

const finding = (
  instanceId: string,
  severity: Finding['severity'],
  name: string,
  why = 'No flow uses this key.',
): Finding => ({
  id: `key-unused:${instanceId}:${name}`,
  rule: 'key-unused',
  severity,
  instanceId,
  instanceName: instanceId === 'i1' ? 'Prod' : 'Staging',
  subject: { kind: 'key', id: name, name },
  why,
  fix: { action: 'delete-key', label: 'Delete' },
});

const shape = (rows: ReturnType<typeof rowsMatching>['rows']): string[] =>
  rows.map((r) =>
    r.kind === 'group'
      ? `${r.instanceName} ${r.severity} (${String(r.count)})`
      : r.finding.subject.name,
  );

describe('overview rows', () => {
  const instances = [instance('i1', 'Prod'), instance('i2', 'Staging')];
  // In the report's order: by severity first, then instance.
  const findings = [
    finding('i2', 'high', 'stage-admin'),
    finding('i1', 'high', 'prod-admin'),
    finding('i1', 'low', 'prod-spare', 'Dead key, attack surface.'),
    finding('i1', 'low', 'prod-old'),
  ];
  const index = indexFindings(instances, findings);

  it('groups by instance in the instance order, then severity, each heading counting its rows', () => {
    const { rows, shown } = rowsMatching(index, '');
    expect(shape(rows)).toEqual([
      'Prod high (1)',
      'prod-admin',
      'Prod low (2)',
      'prod-spare',
      'prod-old',
      'Staging high (1)',
      'stage-admin',
    ]);
    expect(shown).toBe(4);
  });

  it('keeps findings holding every word, in any case, under headings counting only them', () => {
    const { rows, shown } = rowsMatching(index, '  PROD   Flow ');
    expect(shape(rows)).toEqual(['Prod high (1)', 'prod-admin', 'Prod low (1)', 'prod-old']);
    expect(shown).toBe(2);
    expect(shape(rowsMatching(index, 'attack prod').rows)).toEqual(['Prod low (1)', 'prod-spare']);
    expect(rowsMatching(index, 'nowhere')).toEqual({ rows: [], shown: 0 });
  });

  it('leaves the unfiltered headings as they were after a filter', () => {
    rowsMatching(index, 'prod-old');
    expect(shape(rowsMatching(index, '').rows)[2]).toBe('Prod low (2)');
  });
});
