// What the dialog's "Test connection" found: the report's summary when it worked, the error with
// advice when it did not, and the server's certificate when it is not trusted as things stand,
// with the choice to trust it (or to re-pin a changed one). Nothing here ever holds a key.
import type { CertificateInfo, ConnectionReport } from '../../../common/ipc/schemas/instances.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { CertificateDetails } from './CertificateDetails.js';
import { adviceFor } from './instance-status.js';
import { KeyPermissions } from './KeyPermissions.js';
import { MissingForVault } from './MissingForVault.js';

export type TestResult =
  | { kind: 'testing' }
  | { kind: 'report'; report: ConnectionReport }
  /** The test could not run: a refused call, or a form that cannot be tested as it stands. */
  | { kind: 'problem'; message: string };

export interface ConnectionResultProps {
  result: TestResult | null;
  onShowCaField: () => void;
  /** Puts the presented certificate in the form as the one to trust. */
  onTrust: (certificate: CertificateInfo) => void;
  /** Present when the saved instance may be re-pinned (its address is not being changed). */
  onRepin?: ((certificate: CertificateInfo, pinned: string) => void) | undefined;
}

function CertificateChoice({
  finding,
  onTrust,
  onRepin,
}: {
  finding: NonNullable<ConnectionReport['certificate']>;
} & Pick<ConnectionResultProps, 'onTrust' | 'onRepin'>) {
  const { presented, pinned, problem } = finding;
  if (problem === 'changed' && pinned !== undefined)
    return (
      <>
        <p>The certificate changed since you trusted it. Re-pin only if you expected this.</p>
        <dl className="certificate" aria-label="Fingerprints">
          <dt>Pinned fingerprint</dt>
          <dd className="mono">{pinned}</dd>
          <dt>Presented fingerprint</dt>
          <dd className="mono">{presented.sha256}</dd>
        </dl>
        <CertificateDetails certificate={presented} label="Certificate presented by the server" />
        {onRepin === undefined ? (
          <Button
            onClick={() => {
              onTrust(presented);
            }}
          >
            Trust this certificate
          </Button>
        ) : (
          <Button
            onClick={() => {
              onRepin(presented, pinned);
            }}
          >
            Re-pin
          </Button>
        )}
      </>
    );
  return (
    <>
      <p>
        Compare this fingerprint with the one the server's administrator gives you. Trust it only if
        they match: the key is then sent to this certificate and no other.
      </p>
      <CertificateDetails certificate={presented} label="Certificate presented by the server" />
      <Button
        onClick={() => {
          onTrust(presented);
        }}
      >
        Trust this certificate
      </Button>
    </>
  );
}

export function ConnectionResult({
  result,
  onShowCaField,
  onTrust,
  onRepin,
}: ConnectionResultProps) {
  const report = result?.kind === 'report' ? result.report : null;
  const failed = report !== null && !report.ok;
  const finding = report?.certificate;
  return (
    <>
      <div role="status" className="notice">
        {result?.kind === 'testing' ? <p>Testing connection…</p> : null}
        {report?.addressNote === undefined ? null : <p>{report.addressNote}</p>}
        {report?.ok === true ? (
          <>
            <p className="confirmation">Connection works.</p>
            <p>{report.summary}</p>
            <KeyPermissions permissions={report.permissions} />
            <MissingForVault missing={report.missingForVault} />
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
          {adviceFor(report.error) !== null ? <p>{adviceFor(report.error)}</p> : null}
        </Alert>
      ) : null}
      {finding === undefined ? null : (
        <section className="stack" aria-label="Server certificate">
          <CertificateChoice finding={finding} onTrust={onTrust} onRepin={onRepin} />
        </section>
      )}
      {result?.kind === 'problem' ? (
        <Alert>
          <p>{result.message}</p>
        </Alert>
      ) : null}
    </>
  );
}
