// Which Flowise line a server belongs to, from its version or, failing that, from what it answers.
// The lines differ in how API keys work: per-key permissions from 3.0.13,
// workspace-owner keys in 3.0.1–3.0.12, full-access keys from 2.0.6 up to 3.0.0.

export type FlowiseGeneration = '3.0.13+' | '3.0.1-3.0.12' | '2.0.6-3.0.0';

type Triple = readonly [number, number, number];

export function parseVersion(version: string): Triple | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function atLeast(v: Triple, min: Triple): boolean {
  for (let i = 0; i < 3; i += 1) {
    const a = v[i] ?? 0;
    const b = min[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** False for an unparsable version. */
export function versionAtLeast(version: string, min: Triple): boolean {
  const v = parseVersion(version);
  return v !== undefined && atLeast(v, min);
}

/** `too-old` before 2.0.6, whose API keys cannot manage anything; undefined when unparsable. */
export function generationOfVersion(version: string): FlowiseGeneration | 'too-old' | undefined {
  const v = parseVersion(version);
  if (v === undefined) return undefined;
  if (atLeast(v, [3, 0, 13])) return '3.0.13+';
  if (atLeast(v, [3, 0, 1])) return '3.0.1-3.0.12';
  if (atLeast(v, [2, 0, 6])) return '2.0.6-3.0.0';
  return 'too-old';
}

/** From the key rows' shape: permissions came in 3.0.13, workspaces in 3.0.1. */
export function generationOfRows(
  rows: readonly { permissions?: unknown; workspaceId?: unknown }[],
): FlowiseGeneration | undefined {
  if (rows.length === 0) return undefined;
  if (rows.some((r) => Array.isArray(r.permissions))) return '3.0.13+';
  if (rows.some((r) => typeof r.workspaceId === 'string')) return '3.0.1-3.0.12';
  return '2.0.6-3.0.0';
}

export function hasKeyPermissions(generation: FlowiseGeneration): boolean {
  return generation === '3.0.13+';
}
