// Told once per unlock: how many tries with a wrong master password came before it, since the
// previous unlock. Someone else may have tried; the audit log keeps the same record.
import { useState } from 'react';

import { countOf } from '../../../common/words.js';
import { useVaultStore } from '../../stores/stores-context.js';
import { Button } from '../../ui/Button.js';

export function FailedUnlocksNotice() {
  const failed = useVaultStore((s) => s.status?.failedUnlocks);
  const [dismissed, setDismissed] = useState<typeof failed>(undefined);
  if (failed === undefined || dismissed === failed) return null;
  return (
    <section className="notice" aria-label="Failed unlocks">
      <p>
        {countOf(failed.count, 'failed unlock attempt')} since your last unlock, the last on{' '}
        {new Date(failed.lastAt).toLocaleString()}. If that was not you, change the master password.
      </p>
      <Button
        onClick={() => {
          setDismissed(failed);
        }}
      >
        Dismiss
      </Button>
    </section>
  );
}
