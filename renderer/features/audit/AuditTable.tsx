// One row per record, newest first. The subject shows its name and fingerprint, never a value.
import type { AuditRecord } from '../../../common/ipc/schemas/audit.js';
import { actionWords, outcomeWords, timeWords } from './audit-words.js';

export interface AuditTableProps {
  records: readonly AuditRecord[];
  /** Names of the instances in the vault now, for records that carry only an id. */
  instanceNames: ReadonlyMap<string, string>;
  busy: boolean;
}

function instanceOf(record: AuditRecord, names: ReadonlyMap<string, string>): string {
  if (record.instanceName !== undefined) return record.instanceName;
  if (record.instanceId === undefined) return '—';
  return names.get(record.instanceId) ?? 'A removed instance';
}

export function AuditTable({ records, instanceNames, busy }: AuditTableProps) {
  return (
    <div className="audit-table-wrap">
      <table className="audit-table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">Audit records, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Instance</th>
            <th scope="col">Subject</th>
            <th scope="col">Outcome</th>
            <th scope="col">Detail</th>
            <th scope="col">OS user</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.seq} data-action={record.action}>
              <td>
                <time dateTime={new Date(record.at).toISOString()}>{timeWords(record.at)}</time>
              </td>
              <td>{actionWords(record.action)}</td>
              <td>{instanceOf(record, instanceNames)}</td>
              <td>
                {record.subject?.name ?? '—'}
                {record.subject?.fingerprint === undefined ? null : (
                  <span className="mono audit-fingerprint">{record.subject.fingerprint}</span>
                )}
              </td>
              <td className={record.outcome === 'ok' ? 'status-ok' : 'status-error'}>
                {outcomeWords(record.outcome)}
              </td>
              <td className="audit-detail">{record.detail ?? ''}</td>
              <td>{record.osUser}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
