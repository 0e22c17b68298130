// A server certificate as a person checks it before trusting it: the fingerprint first, since
// that is what gets pinned, then who it names and when it is valid.
import type { CertificateInfo } from '../../../common/ipc/schemas/instances.js';

export interface CertificateDetailsProps {
  certificate: CertificateInfo;
  /** e.g. "Certificate presented by the server". */
  label: string;
}

export function CertificateDetails({ certificate, label }: CertificateDetailsProps) {
  return (
    <dl className="certificate" aria-label={label}>
      <dt>SHA-256 fingerprint</dt>
      <dd className="mono">{certificate.sha256}</dd>
      <dt>Subject</dt>
      <dd>{certificate.subject === '' ? '(none)' : certificate.subject}</dd>
      <dt>Issuer</dt>
      <dd>{certificate.issuer === '' ? '(none)' : certificate.issuer}</dd>
      <dt>Valid from</dt>
      <dd>{certificate.validFrom}</dd>
      <dt>Valid until</dt>
      <dd>{certificate.validTo}</dd>
    </dl>
  );
}
