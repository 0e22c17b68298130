import { useState } from 'react';
import type { ReactNode } from 'react';

import { useVaultStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';

/** Start-up notices (e.g. app data that had to be reset), each shown until dismissed. Main stops
 * reporting them once the vault has been opened, so they appear in one sitting only. */
function Notices() {
  const notices = useVaultStore((s) => s.status?.notices);
  const [dismissed, setDismissed] = useState<readonly string[]>([]);
  const shown = (notices ?? []).filter((n) => !dismissed.includes(n.message));
  return shown.map((notice) => (
    <Alert
      key={notice.message}
      actions={
        <Button
          onClick={() => {
            setDismissed((d) => [...d, notice.message]);
          }}
        >
          Dismiss
        </Button>
      }
    >
      {notice.message}
    </Alert>
  ));
}

/** The centred card the create and unlock screens share. */
export function VaultScreen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="vault-screen">
      <div className="card">
        <p className="brand">Flowise Key Vault</p>
        <h1>{title}</h1>
        <Notices />
        {children}
      </div>
    </main>
  );
}
