// Asks main for one credential (fields and type) when a dialog opens, and shows its body only once
// it is here; a credential gone meanwhile, or a locked vault, is said instead.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';

import type { CredentialForEdit } from '../../../common/ipc/schemas/credentials.js';
import type { StoreError } from '../../stores/store-error.js';
import { useCredentialsStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';

export interface WithCredentialProps {
  id: string;
  children: (credential: CredentialForEdit) => ReactNode;
}

export function WithCredential({ id, children }: WithCredentialProps) {
  const get = useCredentialsStore((s) => s.get);
  const [loaded, setLoaded] = useState<CredentialForEdit | null>(null);
  const [failure, setFailure] = useState<StoreError | null>(null);

  useEffect(() => {
    let live = true;
    void get(id).then((outcome) => {
      if (!live) return;
      if (outcome.ok) setLoaded(outcome.value);
      else setFailure(outcome.error);
    });
    return () => {
      live = false;
    };
  }, [get, id]);

  if (failure !== null)
    return (
      <Alert>
        <p>{failure.message}</p>
      </Alert>
    );
  if (loaded === null) return <p className="muted">Loading the credential…</p>;
  return children(loaded);
}
