// CI's dependency audit: `npm audit --omit=dev`, plus the Electron runtime's own advisories,
// judged by audit-gate.ts against audit-allowlist.json. Fails closed: an audit that cannot run
// (no registry, an unexpected answer) fails the build rather than passing it — with one exception:
// a registry mirror that refuses npm's advisory endpoint outright (HTTP 405, as the CI mirror
// does) cannot be audited at all, so the step says so loudly and passes, unless
// FKV_AUDIT_REQUIRED=1 demands a real audit.
//
//   npm run security:audit
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { z } from 'zod';

import type { Advisory } from './audit-gate.js';
import { advisoriesIn, Allowlist, AuditReport, ghsaOf, judge } from './audit-gate.js';

const repoRoot = resolve(import.meta.dirname, '../..');
/** devDependencies that ship inside the installers all the same. */
const SHIPPED_DEV = new Set(['electron']);

const RegistryRefusal = z.object({ statusCode: z.literal(405), uri: z.string() });

class RegistryRefused extends Error {
  constructor(readonly answer: z.infer<typeof RegistryRefusal>) {
    super(`the registry refused the advisory endpoint (HTTP 405 from ${answer.uri})`);
  }
}

async function npmAudit(args: string[]): Promise<AuditReport> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // npm audit exits 1 when it finds anything; the JSON on stdout is what counts.
  const stdout = await promisify(execFile)(npm, ['audit', '--json', ...args], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (r) => r.stdout,
    (error: unknown) => (error as { stdout?: string }).stdout ?? '',
  );
  const raw: unknown = JSON.parse(stdout || 'null');
  const parsed = AuditReport.safeParse(raw);
  const refused = RegistryRefusal.safeParse(raw);
  if (!parsed.success && refused.success) throw new RegistryRefused(refused.data);
  if (!parsed.success) throw new Error(`npm audit ${args.join(' ')} gave no report:\n${stdout}`);
  return parsed.data;
}

const line = (a: Advisory): string => `  ${a.severity} ${a.name} ${ghsaOf(a)} ${a.title} ${a.url}`;

async function main(): Promise<void> {
  const allowlist = Allowlist.parse(
    JSON.parse(await readFile(join(import.meta.dirname, 'audit-allowlist.json'), 'utf8')),
  );
  const production = advisoriesIn(await npmAudit(['--omit=dev']));
  const runtime = advisoriesIn(await npmAudit([]), SHIPPED_DEV);
  const verdict = judge(
    [...production, ...runtime],
    allowlist,
    new Date().toISOString().slice(0, 10),
  );
  for (const a of verdict.accepted) console.log(`accepted by the allowlist:\n${line(a)}`);
  for (const entry of verdict.unused) console.log(`allowlist entry matches nothing now: ${entry}`);
  if (verdict.blocking.length > 0) {
    console.error(`npm audit: high or critical advisories in what ships:`);
    for (const a of verdict.blocking) console.error(line(a));
    process.exitCode = 1;
    return;
  }
  console.log('npm audit: no high or critical advisory in production dependencies or Electron');
}

try {
  await main();
} catch (error) {
  if (!(error instanceof RegistryRefused) || process.env['FKV_AUDIT_REQUIRED'] === '1') throw error;
  console.warn(`npm audit NOT RUN: ${error.message}.`);
  console.warn('Run `npm run security:audit` against registry.npmjs.org before a release.');
}
