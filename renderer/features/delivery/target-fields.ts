// A delivery target as its form edits it (strings, as typed) and back. A command is written one
// word per line, the program first and then each argument exactly as it is passed (no shell, so
// no quoting); a line holding only "|" starts the next program, which reads the previous one's
// output. The key's input and the time limit apply to every command of the target.
import type {
  CommandPipeline,
  DeliveryCheck,
  DeliveryTarget,
  TargetDraft as TargetDraftType,
} from '../../../common/ipc/schemas/delivery.js';
import { TargetDraft } from '../../../common/ipc/schemas/delivery.js';

export interface TargetFields {
  label: string;
  kind: 'env-file' | 'command';
  envPath: string;
  envName: string;
  /** Empty: `.bak`. */
  backupSuffix: string;
  command: string;
  idempotent: boolean;
  /** Empty: no rollback command. */
  rollback: string;
  keyVia: 'stdin' | 'env';
  keyEnvName: string;
  timeoutSeconds: string;
  checkKind: 'none' | 'http' | 'command';
  checkMethod: 'GET' | 'POST';
  checkUrl: string;
  checkStatus: string;
  checkCommand: string;
}

export type FieldErrors = Partial<Record<keyof TargetFields, string>>;

export const EMPTY_FIELDS: TargetFields = {
  label: '',
  kind: 'env-file',
  envPath: '',
  envName: 'FLOWISE_API_KEY',
  backupSuffix: '',
  command: '',
  idempotent: false,
  rollback: '',
  keyVia: 'stdin',
  keyEnvName: '',
  timeoutSeconds: '60',
  checkKind: 'none',
  checkMethod: 'GET',
  checkUrl: '',
  checkStatus: '200',
  checkCommand: '',
};

const SEPARATOR = '|';

export function pipelineToWords(pipeline: CommandPipeline): string {
  return pipeline.steps
    .map((step) => [step.executable, ...step.args].join('\n'))
    .join(`\n${SEPARATOR}\n`);
}

/** The steps a command text names; blank lines are dropped. */
export function wordsToSteps(text: string): CommandPipeline['steps'] {
  const steps: string[][] = [[]];
  for (const line of text.replace(/\r/g, '').split('\n')) {
    if (line.trim() === SEPARATOR) steps.push([]);
    else if (line.trim() !== '') steps[steps.length - 1]?.push(line);
  }
  return steps
    .filter((words) => words.length > 0)
    .map(([executable = '', ...args]) => ({ executable: executable.trim(), args }));
}

export function fieldsOf(target: DeliveryTarget): TargetFields {
  const t = target.target;
  const first =
    t.kind === 'command' ? t.run : target.check?.kind === 'command' ? target.check.run : undefined;
  const check = target.check;
  return {
    ...EMPTY_FIELDS,
    label: target.label,
    kind: t.kind,
    ...(t.kind === 'env-file'
      ? { envPath: t.path, envName: t.name, backupSuffix: t.backupSuffix ?? '' }
      : {
          command: pipelineToWords(t.run),
          idempotent: t.idempotent,
          rollback: t.rollback === undefined ? '' : pipelineToWords(t.rollback),
        }),
    ...(first === undefined
      ? {}
      : {
          keyVia: first.key.via,
          keyEnvName: first.key.via === 'env' ? first.key.name : '',
          timeoutSeconds: String(first.timeoutSeconds),
        }),
    ...(check === undefined
      ? {}
      : check.kind === 'http'
        ? {
            checkKind: 'http',
            checkMethod: check.method,
            checkUrl: check.url,
            checkStatus: String(check.expectStatus),
          }
        : { checkKind: 'command', checkCommand: pipelineToWords(check.run) }),
  };
}

function pipelineOf(text: string, fields: TargetFields): CommandPipeline {
  return {
    steps: wordsToSteps(text),
    key:
      fields.keyVia === 'stdin' ? { via: 'stdin' } : { via: 'env', name: fields.keyEnvName.trim() },
    timeoutSeconds: Number(fields.timeoutSeconds),
  };
}

function checkOf(fields: TargetFields): DeliveryCheck | undefined {
  if (fields.checkKind === 'none') return undefined;
  if (fields.checkKind === 'command')
    return { kind: 'command', run: pipelineOf(fields.checkCommand, fields) };
  return {
    kind: 'http',
    method: fields.checkMethod,
    url: fields.checkUrl.trim(),
    expectStatus: Number(fields.checkStatus),
  };
}

/** What each field must hold, in words; empty when the draft can be sent. */
export function fieldErrors(fields: TargetFields): FieldErrors {
  const errors: FieldErrors = {};
  if (fields.label.trim() === '') errors.label = 'Name the target, e.g. "chat app".';
  const commands: (keyof TargetFields)[] = [];
  if (fields.kind === 'env-file') {
    if (!/^(\/|[A-Za-z]:[\\/])/.test(fields.envPath))
      errors.envPath = 'The full path of the file, starting with / (or a drive letter).';
    if (!/^[\w.-]{1,128}$/.test(fields.envName))
      errors.envName = 'Letters, digits, _ . and - only.';
    if (fields.backupSuffix !== '' && !/^[\w.~-]{1,32}$/.test(fields.backupSuffix))
      errors.backupSuffix = 'Letters, digits and _ . ~ - only, at most 32.';
  } else {
    commands.push('command');
    if (fields.rollback.trim() !== '') commands.push('rollback');
  }
  if (fields.checkKind === 'command') commands.push('checkCommand');
  for (const name of commands) {
    const steps = wordsToSteps(String(fields[name]));
    if (steps.length === 0) errors[name] = 'Write the program on the first line.';
    else if (steps.length > 4) errors[name] = 'At most 4 programs piped together.';
  }
  if (commands.length > 0) {
    const seconds = Number(fields.timeoutSeconds);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600)
      errors.timeoutSeconds = 'Whole seconds, from 1 to 600.';
    if (fields.keyVia === 'env' && !/^[\w.-]{1,128}$/.test(fields.keyEnvName))
      errors.keyEnvName = 'Name the variable: letters, digits, _ . and - only.';
  }
  if (fields.checkKind === 'http') {
    if (!/^https?:\/\/\S+$/.test(fields.checkUrl.trim()))
      errors.checkUrl = 'An address starting with https:// (or http:// on this computer).';
    const status = Number(fields.checkStatus);
    if (!Number.isInteger(status) || status < 100 || status > 599)
      errors.checkStatus = 'An HTTP status, from 100 to 599.';
  }
  return errors;
}

/** The draft to send, or null while a field is wrong (fieldErrors says which). */
export function draftOf(fields: TargetFields): TargetDraftType | null {
  if (Object.keys(fieldErrors(fields)).length > 0) return null;
  const check = checkOf(fields);
  const target: TargetDraftType['target'] =
    fields.kind === 'env-file'
      ? {
          kind: 'env-file',
          path: fields.envPath,
          name: fields.envName,
          ...(fields.backupSuffix === '' ? {} : { backupSuffix: fields.backupSuffix }),
        }
      : {
          kind: 'command',
          run: pipelineOf(fields.command, fields),
          idempotent: fields.idempotent,
          ...(fields.rollback.trim() === ''
            ? {}
            : { rollback: pipelineOf(fields.rollback, fields) }),
        };
  const parsed = TargetDraft.safeParse({
    label: fields.label.trim(),
    target,
    ...(check === undefined ? {} : { check }),
  });
  return parsed.success ? parsed.data : null;
}

/** One line for the list: where the key goes, and how it is checked. */
export function targetSummary(target: TargetDraftType): string {
  const t = target.target;
  const where =
    t.kind === 'env-file'
      ? `${t.name} in ${t.path}`
      : `runs ${t.run.steps.map((s) => s.executable).join(' | ')}${t.idempotent ? ' (idempotent)' : ''}`;
  const check = target.check;
  const checked =
    check === undefined
      ? 'no check'
      : check.kind === 'http'
        ? `checked by ${check.method} ${check.url}, expecting ${String(check.expectStatus)}`
        : `checked by running ${check.run.steps.map((s) => s.executable).join(' | ')}`;
  return `${where}; ${checked}`;
}
