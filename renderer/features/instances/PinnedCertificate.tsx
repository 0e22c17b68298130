// The certificate trusted by its fingerprint, if any: shown so the person knows what is pinned,
// with a way to stop trusting it. A profile from before pinning is told to confirm one.
import type { InstanceSummary } from '../../../common/ipc/schemas/instances.js';
import { Button } from '../../ui/Button.js';
import { CertificateDetails } from './CertificateDetails.js';
import type { InstanceFormValues } from './instance-form.js';

export interface PinnedCertificateProps {
  values: InstanceFormValues;
  onChange: (patch: Partial<InstanceFormValues>) => void;
  instance: InstanceSummary | undefined;
}

export function PinnedCertificate({ values, onChange, instance }: PinnedCertificateProps) {
  const saved = instance?.certificatePin;
  const pin = values.certificatePin;
  return (
    <section className="stack" aria-label="Trusted certificate">
      {instance?.certificateUnconfirmed === true && pin === null ? (
        <p className="warning">
          This instance was saved to accept any certificate, which is no longer allowed. Press Test
          connection, check the fingerprint and trust the certificate to use it again.
        </p>
      ) : null}
      {pin === null ? (
        saved === undefined ? null : (
          <p>
            The pinned certificate is dropped on save.{' '}
            <Button
              onClick={() => {
                const { sha256, subject, issuer, validFrom, validTo } = saved;
                onChange({ certificatePin: { sha256, subject, issuer, validFrom, validTo } });
              }}
            >
              Keep the pinned certificate
            </Button>
          </p>
        )
      ) : (
        <>
          <p>
            {saved?.sha256 === pin.sha256
              ? 'Trusted by its fingerprint: any other certificate is refused before the key is sent.'
              : 'To be trusted by its fingerprint once saved.'}
          </p>
          <CertificateDetails certificate={pin} label="Pinned certificate" />
          <Button
            onClick={() => {
              onChange({ certificatePin: null });
            }}
          >
            Stop trusting this certificate
          </Button>
        </>
      )}
    </section>
  );
}
