// Revoking although a delivery or a check failed: the confirmation names each failure, and its
// exact words go to main as the override, so what was confirmed is what main checks and audits.
import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';

export interface RevokeAnywayConfirmProps {
  blockers: readonly string[];
  oldKeyName: string;
  open: boolean;
  onClose: () => void;
  onConfirm: (override: string) => void;
}

export function RevokeAnywayConfirm(props: RevokeAnywayConfirmProps) {
  const { blockers, open, onClose, onConfirm } = props;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Revoke the old key anyway?"
      description={`Not every target is known to work with the new key. Once ${props.oldKeyName} is revoked, an app that still uses it is refused.`}
    >
      <div className="stack">
        <p>What failed:</p>
        <ul aria-label="What failed">
          {blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
        <div className="row row-end">
          <DialogClose>Do not revoke</DialogClose>
          <Button
            variant="danger"
            onClick={() => {
              onConfirm(blockers.join('; '));
            }}
          >
            Revoke anyway
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
