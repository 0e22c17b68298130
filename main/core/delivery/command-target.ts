// A command delivery target (or check, or rollback): a pipeline run without a shell, the key on the
// first step's stdin or in an environment variable the person named. What it printed is kept for
// the person to read, with every form of the key that a tool could echo replaced.
import type {
  CommandPipeline,
  CommandStep,
  KeyInput,
} from '../../../common/ipc/schemas/delivery.js';
import type { CommandPort } from '../ports.js';

/** Per stream; delivery tools print a few lines. */
export const MAX_COMMAND_OUTPUT_BYTES = 64 * 1024;

export const SCRUBBED = '[new key]';

export interface CommandOutcome {
  ok: boolean;
  /** Why it failed, for people: which step, and how. Never the key. */
  problem?: string;
  exitCodes: (number | null)[];
  stdout: string;
  stderr: string;
}

/** The forms a tool might print the value in: as is, base64 (kubectl's YAML) and base64url. */
function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [secret, bytes.toString('base64'), bytes.toString('base64url')];
  return [...new Set(forms.filter((form) => form.length >= 4))].sort((a, b) => b.length - a.length);
}

export function scrubSecret(text: string, secret: string): string {
  let out = text;
  for (const form of secretForms(secret)) out = out.split(form).join(SCRUBBED);
  return out;
}

/** For display only (never executed): shell-like quoting so the person sees each argument. */
function shown(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function describeStep(step: CommandStep): string {
  return [step.executable, ...step.args].map(shown).join(' ');
}

/** How the key reaches the first step, in words. */
export function keyInputWords(key: KeyInput): string {
  return key.via === 'stdin' ? 'on stdin' : `in the environment variable ${key.name}`;
}

/** Exactly what will run, as the audit log and the plan show it. */
export function describePipeline(pipeline: CommandPipeline): string {
  const line = pipeline.steps.map(describeStep).join(' | ');
  const key = `the new key ${keyInputWords(pipeline.key)}`;
  return `${line}  (${key}; stopped after ${String(pipeline.timeoutSeconds)} s)`;
}

function problemOf(
  pipeline: CommandPipeline,
  result: { timedOut: boolean; exitCodes: (number | null)[]; startErrors: (string | null)[] },
): string | undefined {
  const name = (index: number): string => pipeline.steps[index]?.executable ?? 'the command';
  if (result.timedOut) {
    return `${describeStep(pipeline.steps[0] ?? { executable: 'the command', args: [] })} did not finish within ${String(pipeline.timeoutSeconds)} s and was stopped.`;
  }
  const notStarted = result.startErrors.findIndex((error) => error !== null);
  if (notStarted >= 0) {
    const why =
      result.startErrors[notStarted] === 'ENOENT' ? 'it was not found' : 'it could not start';
    return `${name(notStarted)} did not run: ${why} (${String(result.startErrors[notStarted])}).`;
  }
  const failed = result.exitCodes.findIndex((code) => code !== 0);
  if (failed >= 0) {
    const code = result.exitCodes[failed];
    return code === null || code === undefined
      ? `${name(failed)} was stopped by a signal.`
      : `${name(failed)} exited with code ${String(code)}.`;
  }
  return undefined;
}

/** An outcome for a run that never started. */
export function notRun(problem: string): CommandOutcome {
  return { ok: false, problem, exitCodes: [], stdout: '', stderr: '' };
}

/** Why the pipeline may not run with `secret` at all (the key in its argv), or undefined. */
export function refusedPipeline(pipeline: CommandPipeline, secret: string): string | undefined {
  const argv = pipeline.steps.flatMap((step) => [step.executable, ...step.args]);
  return secret !== '' && argv.some((word) => word.includes(secret))
    ? 'The command holds the key in its arguments, where any process can read it; it was not run.'
    : undefined;
}

/** Runs the pipeline with `secret` as its input. A run that puts the secret in argv is refused. */
export async function runCommandTarget(
  commands: CommandPort,
  pipeline: CommandPipeline,
  secret: string,
): Promise<CommandOutcome> {
  const refused = refusedPipeline(pipeline, secret);
  if (refused !== undefined) return notRun(refused);
  const result = await commands.run({
    steps: pipeline.steps,
    stdin: pipeline.key.via === 'stdin' ? secret : '',
    env: pipeline.key.via === 'env' ? { [pipeline.key.name]: secret } : {},
    timeoutMs: pipeline.timeoutSeconds * 1000,
    maxOutputBytes: MAX_COMMAND_OUTPUT_BYTES,
  });
  const problem = problemOf(pipeline, result);
  return {
    ok: problem === undefined,
    ...(problem === undefined ? {} : { problem }),
    exitCodes: result.exitCodes,
    stdout: scrubSecret(result.stdout, secret),
    stderr: scrubSecret(result.stderr, secret),
  };
}
