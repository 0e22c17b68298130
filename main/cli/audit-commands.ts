// fkv audit verify, fkv audit export and fkv credentials list: the audit chain checked or written
// out (JSON as the app exports it, or CSV), and credentials by name and type, never a secret field.
import { writeFile } from 'node:fs/promises';

import { csvText } from '../../common/csv.js';
import { isAppError } from '../../common/errors.js';
import type { AuditRecord } from '../../common/ipc/schemas/audit.js';
import type { CredentialSummary } from '../../common/ipc/schemas/credentials.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT, exitCodeOfWire, UsageError } from './exit-codes.js';
import { findInstance } from './lookup.js';
import { day, note, printJson, printTable, say } from './output.js';
import type { OutputOptions } from './status-commands.js';
import { withVault } from './vault-session.js';

export interface ExportOptions extends OutputOptions {
  format?: string;
  output?: string;
}

export interface CredentialsOptions extends OutputOptions {
  instance?: string;
}

export function auditVerifyCommand(options: OutputOptions): Promise<ExitCode> {
  return withVault(options, async ({ api }) => {
    const result = await api.audit.verify();
    if (options.json === true) printJson(result);
    else say(result.summary);
    return result.ok ? EXIT.ok : EXIT.failure;
  });
}

const AUDIT_COLUMNS = [
  'seq',
  'at',
  'os user',
  'action',
  'outcome',
  'instance',
  'subject kind',
  'subject',
  'fingerprint',
  'detail',
  'hash',
];

const auditRow = (r: AuditRecord): string[] => [
  String(r.seq),
  new Date(r.at).toISOString(),
  r.osUser,
  r.action,
  r.outcome,
  r.instanceName ?? '',
  r.subject?.kind ?? '',
  r.subject?.name ?? '',
  r.subject?.fingerprint ?? '',
  r.detail ?? '',
  r.hash,
];

export function auditExportCommand(options: ExportOptions): Promise<ExitCode> {
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'csv')
    throw new UsageError(`--format is json or csv, not "${format}".`);
  return withVault(options, async ({ api }) => {
    const exported = await api.audit.export();
    const text =
      format === 'json'
        ? exported.json
        : csvText(
            AUDIT_COLUMNS,
            (JSON.parse(exported.json) as { records: AuditRecord[] }).records.map(auditRow),
          );
    if (options.output === undefined)
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    else {
      await writeFile(options.output, text, { mode: 0o600, flag: 'wx' });
      note(`The audit log was written to ${options.output}.`);
    }
    return EXIT.ok;
  });
}

export function credentialsListCommand(options: CredentialsOptions): Promise<ExitCode> {
  return withVault(options, async ({ api }) => {
    const all = (await api.instances.list()).instances;
    const chosen =
      options.instance === undefined ? all : [await findInstance(api, options.instance)];
    const rows: (CredentialSummary & { instanceName: string })[] = [];
    let code: ExitCode = EXIT.ok;
    for (const instance of chosen) {
      try {
        const { credentials } = await api.credentials.list({ instanceId: instance.id });
        rows.push(...credentials.map((c) => ({ ...c, instanceName: instance.name })));
      } catch (error) {
        // One unreachable server does not hide the others' credentials.
        if (!isAppError(error)) throw error;
        note(`fkv: ${instance.name} could not be read: ${error.message}`);
        if (code === EXIT.ok) code = exitCodeOfWire(error.code);
      }
    }
    if (options.json === true)
      printJson(rows.map((c) => ({ ...c, usedBy: c.usedBy.map((flow) => flow.name) })));
    else
      printTable(
        ['INSTANCE', 'NAME', 'TYPE', 'USED BY', 'UPDATED'],
        rows.map((c) => [
          c.instanceName,
          c.name,
          c.typeLabel,
          String(c.usedBy.length),
          day(c.updatedAt ?? c.createdAt),
        ]),
      );
    return code;
  });
}
