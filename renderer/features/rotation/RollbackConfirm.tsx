// The question before a rollback in grace: which flows go back to the old key, and what that
// means for apps already given the new key. Nothing is called until the person confirms.
import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';

export interface RollbackConfirmProps {
  view: RotationView;
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
}

/** The flows the rotation moved to the new key: those go back. Skipped ones are not ours. */
export function flowsMovingBack(view: RotationView): RotationView['flows'] {
  return view.flows.filter((f) => f.state === 'rebound' || f.state === 'verified');
}

export function RollbackConfirm({ view, open, onClose, onConfirm }: RollbackConfirmProps) {
  const flows = flowsMovingBack(view);
  const newName = view.newKey?.name ?? view.newKeyName;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Roll back this rotation?"
      description={`The flows go back to the old key, ${view.oldKey.name}, and the new key, ${newName}, is deleted on the server.`}
    >
      <div className="stack">
        {flows.length === 0 ? (
          <p>No flow is on the new key, so none moves back.</p>
        ) : (
          <>
            <p>
              {flows.length === 1 ? 'This flow' : `These ${String(flows.length)} flows`} will accept
              only the old key again:
            </p>
            <ul aria-label="Flows that move back">
              {flows.map((f) => (
                <li key={f.id}>{f.name}</li>
              ))}
            </ul>
          </>
        )}
        {(view.deliveries ?? []).length === 0 ? null : (
          <p>
            First, each delivery target gets the old key back: a .env file from its backup, a
            command target through its rollback command (the app asks before it runs).
          </p>
        )}
        <p className="warning">
          Apps you already gave the new key will be refused by these flows.
          {view.admin === true
            ? ' The app goes back to managing the instance with the old key.'
            : ''}
        </p>
        <div className="row row-end">
          <DialogClose>Keep the rotation</DialogClose>
          <Button variant="danger" onClick={onConfirm}>
            Move the flows back
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
