// Electronegativity over the built main, preload and renderer bundles; any finding fails. A
// finding is fixed in the source, or suppressed next to the code it flags with an
// `eng-disable CHECK_ID` comment that says why (it must survive the build to count).
//
//   npm run build && npm run security:electronegativity
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');
/** Scanned together: the global checks (CSP, navigation limits) look across the whole app. */
export const SCANNED = ['main', 'preload', 'renderer'];

/**
 * AvailableSecurityFixesGlobalCheck downloads Electron's release list from GitHub during the scan,
 * so its verdict would depend on the day and on GitHub being reachable. The Electron runtime's
 * advisories are gated by test/security/audit.ts instead.
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  issues: Issue[];
  errors: { file: string; message: string; tolerable: boolean }[];
}
type Run = (options: Record<string, unknown>, forCli: boolean) => Promise<ScanResult>;
interface CspFinding {
  severity: number;
  directive: string;
  value?: string;
  description: string;
}
interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): CspFinding[] };
  Version: { CSP3: unknown };
  severities: Record<string, number>;
}

const requireHere = createRequire(import.meta.url);
const run = requireHere('@doyensec/electronegativity') as Run;
// The evaluator Electronegativity itself uses, loaded from beside it.
const cspEvaluator = createRequire(requireHere.resolve('@doyensec/electronegativity'))(
  '@doyensec/csp-evaluator',
) as CspEvaluatorModule;

/**
 * renderer/index.html silences CSP_GLOBAL_CHECK for its one warning: "'self' can be problematic if
 * you host JSONP, Angular or user uploaded files" (app:// serves only our bundle). So that the
 * silence cannot hide a weaker policy later, the page's CSP is evaluated again here and that
 * warning is the only one allowed.
 */
export function pageCspFindings(html: string): string[] {
  const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
  if (policy === undefined) return ['renderer/index.html: no Content-Security-Policy meta tag'];
  const { CspEvaluator, CspParser, Version, severities } = cspEvaluator;
  const worrying = [
    severities['HIGH'],
    severities['MEDIUM'],
    severities['HIGH_MAYBE'],
    severities['MEDIUM_MAYBE'],
  ];
  return new CspEvaluator(new CspParser(policy).csp, Version.CSP3)
    .evaluate()
    .filter((f) => worrying.includes(f.severity))
    .filter((f) => !(f.directive === 'script-src' && f.value === "'self'"))
    .map((f) => `renderer/index.html CSP ${f.directive} ${f.value ?? ''}: ${f.description}`);
}

function electronVersion(): string {
  const pkg = JSON.parse(
    readFileSync(join(repoRoot, 'node_modules/electron/package.json'), 'utf8'),
  ) as { version: string };
  return pkg.version;
}

/**
 * Findings and unparseable files in `distDir`'s three app bundles, as lines for people; empty
 * means clean. The test-only harness bundle beside them is left out, as it is from the package.
 */
export async function scan(distDir: string): Promise<string[]> {
  const missing = SCANNED.filter((d) => !existsSync(join(distDir, d)));
  if (missing.length > 0) return [`${missing.join(', ')} missing from ${distDir}: build first`];
  const input = await mkdtemp(join(tmpdir(), 'fkv-eng-'));
  try {
    for (const d of SCANNED) await cp(join(distDir, d), join(input, d), { recursive: true });
    const page = readFileSync(join(distDir, 'renderer/index.html'), 'utf8');
    return [...(await scanDir(input)), ...pageCspFindings(page)];
  } finally {
    await rm(input, { recursive: true, force: true });
  }
}

async function scanDir(input: string): Promise<string[]> {
  const result = await run(
    {
      input,
      isRelative: false,
      electronVersionOverride: electronVersion(),
      excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
      customScan: [],
      parserPlugins: [],
    },
    false,
  );
  // A check list that failed to load would pass everything.
  if (result.atomicChecks < 20) return [`only ${result.atomicChecks} checks loaded`];
  const where = (file: string): string => relative(input, file) || file;
  return [
    ...result.issues.map(
      (i) =>
        `${i.id} ${where(i.file)}:${i.location.line}:${i.location.column} ${i.description}` +
        (i.sample === undefined ? '' : `\n    ${i.sample.slice(0, 160)}`),
    ),
    ...result.errors
      .filter((e) => !e.tolerable)
      .map((e) => `unparsed ${where(e.file)}: ${e.message}`),
  ];
}

async function main(): Promise<void> {
  const findings = await scan(join(repoRoot, 'dist'));
  if (findings.length > 0) {
    console.error(`Electronegativity: ${findings.length} finding(s)\n${findings.join('\n')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`Electronegativity: no findings in dist/{${SCANNED.join(',')}}`);
}

if (process.argv[1] === import.meta.filename) await main();
