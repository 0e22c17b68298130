import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { Allowlist } from './audit-gate.js';
import { advisoriesIn, Allowlist as AllowlistSchema, AuditReport, judge } from './audit-gate.js';

/** Shaped like `npm audit --json` from npm 11: one advisory on ajv, propagated to conf. */
const report = AuditReport.parse({
  auditReportVersion: 2,
  vulnerabilities: {
    ajv: {
      name: 'ajv',
      severity: 'high',
      isDirect: false,
      via: [
        {
          source: 1097685,
          name: 'ajv',
          dependency: 'ajv',
          title: 'Prototype Pollution in Ajv',
          url: 'https://github.com/advisories/GHSA-v88g-cgmw-v5xw',
          severity: 'high',
          cwe: ['CWE-1321'],
          range: '<6.12.3',
        },
        {
          source: 1097999,
          name: 'ajv',
          title: 'A lesser issue',
          url: 'https://github.com/advisories/GHSA-2222-3333-4444',
          severity: 'moderate',
        },
      ],
      effects: ['conf'],
      range: '<6.12.3',
      nodes: ['node_modules/ajv'],
      fixAvailable: true,
    },
    conf: { name: 'conf', severity: 'high', isDirect: true, via: ['ajv'], effects: [] },
    electron: {
      name: 'electron',
      severity: 'critical',
      via: [
        {
          source: 1100001,
          name: 'electron',
          title: 'Use after free in Electron',
          url: 'https://github.com/advisories/GHSA-cccc-dddd-ffff',
          severity: 'critical',
        },
      ],
    },
  },
  metadata: { vulnerabilities: { high: 2, critical: 1, total: 3 } },
});

const entry = (
  over: Partial<Allowlist['accepted'][number]> = {},
): Allowlist['accepted'][number] => ({
  advisory: 'GHSA-v88g-cgmw-v5xw',
  package: 'ajv',
  reason: 'Only compiles our own fixed schemas; no user input ever reaches ajv.',
  reviewBy: '2030-01-01',
  ...over,
});
const TODAY = '2026-11-22';

describe('npm audit gate', () => {
  it('finds each advisory once, at the package that has it', () => {
    expect(advisoriesIn(report).map((a) => `${a.name} ${a.severity}`)).toEqual([
      'ajv high',
      'ajv moderate',
      'electron critical',
    ]);
    expect(advisoriesIn(report, new Set(['electron'])).map((a) => a.name)).toEqual(['electron']);
  });

  it('blocks high and critical advisories, not moderate ones', () => {
    const verdict = judge(advisoriesIn(report), { accepted: [] }, TODAY);
    expect(verdict.blocking.map((a) => a.title)).toEqual([
      'Prototype Pollution in Ajv',
      'Use after free in Electron',
    ]);
  });

  it('lets the allowlist accept an advisory for the package it names', () => {
    const verdict = judge(advisoriesIn(report), { accepted: [entry()] }, TODAY);
    expect(verdict.accepted.map((a) => a.name)).toEqual(['ajv']);
    expect(verdict.blocking.map((a) => a.name)).toEqual(['electron']);
    expect(
      judge(advisoriesIn(report), { accepted: [entry({ package: 'conf' })] }, TODAY).accepted,
    ).toEqual([]);
  });

  it('stops accepting once the review date has passed', () => {
    const verdict = judge(
      advisoriesIn(report),
      { accepted: [entry({ reviewBy: '2026-11-21' })] },
      TODAY,
    );
    expect(verdict.blocking.map((a) => a.name)).toContain('ajv');
  });

  it('reports allowlist entries that no longer match anything', () => {
    const stale = entry({ advisory: 'GHSA-9999-9999-9999' });
    expect(judge(advisoriesIn(report), { accepted: [stale] }, TODAY).unused).toEqual([
      'GHSA-9999-9999-9999 (ajv)',
    ]);
  });

  it('refuses an allowlist entry without a real reason or date', () => {
    expect(AllowlistSchema.safeParse({ accepted: [entry({ reason: 'fine' })] }).success).toBe(
      false,
    );
    expect(AllowlistSchema.safeParse({ accepted: [entry({ reviewBy: 'never' })] }).success).toBe(
      false,
    );
    expect(AllowlistSchema.safeParse({ accepted: [{ ...entry(), extra: 1 }] }).success).toBe(false);
  });

  it('refuses a report that is not an audit report, such as a registry error', () => {
    expect(
      AuditReport.safeParse({ message: '405 Method Not Allowed', statusCode: 405 }).success,
    ).toBe(false);
  });

  it('reads the allowlist checked into the repo', () => {
    const text = readFileSync(join(import.meta.dirname, 'audit-allowlist.json'), 'utf8');
    expect(AllowlistSchema.safeParse(JSON.parse(text)).success).toBe(true);
  });
});
