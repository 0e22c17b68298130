// What the dialog's "Test connection" found: the report's summary when it worked, the error with
// advice when it did not. Nothing here ever holds the key that was tested.
import type { ConnectionReport } from '../../../common/ipc/schemas/instances.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { adviceFor } from './instance-status.js';

export type TestResult =
  | { kind: 'testing' }
  | { kind: 'report'; report: ConnectionReport }
  /** The test could not run: a refused call, or a form that cannot be tested as it stands. */
  | { kind: 'problem'; message: string };

export interface ConnectionResultProps {
  result: TestResult | null;
  onShowCaField: () => void;
}

export function ConnectionResult({ result, onShowCaField }: ConnectionResultProps) {
  const report = result?.kind === 'report' ? result.report : null;
  const failed = report !== null && !report.ok;
  return (
    <>
      <div role="status" className="notice">
        {result?.kind === 'testing' ? <p>Testing connection…</p> : null}
        {report?.ok === true ? (
          <>
            <p className="confirmation">Connection works.</p>
            <p>{report.summary}</p>
          </>
        ) : null}
      </div>
      {failed ? (
        <Alert
          actions={
            report.error?.code === 'tls' ? (
              <Button onClick={onShowCaField}>Go to CA certificate</Button>
            ) : undefined
          }
        >
          <p>{report.summary}</p>
          {adviceFor(report.error) === null ? null : <p>{adviceFor(report.error)}</p>}
        </Alert>
      ) : null}
      {result?.kind === 'problem' ? (
        <Alert>
          <p>{result.message}</p>
        </Alert>
      ) : null}
    </>
  );
}
