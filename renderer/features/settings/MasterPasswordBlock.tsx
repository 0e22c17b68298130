import { useState } from 'react';

import { Button } from '../../ui/Button.js';
import { Dialog } from '../../ui/Dialog.js';
import { ChangePasswordForm } from './ChangePasswordForm.js';

export function MasterPasswordBlock() {
  const [open, setOpen] = useState(false);
  const [changed, setChanged] = useState(false);
  return (
    <section className="block" aria-labelledby="master-password-heading">
      <h2 id="master-password-heading">Master password</h2>
      <div className="row">
        <Button
          onClick={() => {
            setChanged(false);
            setOpen(true);
          }}
        >
          Change master password
        </Button>
        <p role="status" className="confirmation">
          {changed ? 'Master password changed.' : ''}
        </p>
      </div>
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
        }}
        title="Change master password"
        description="Enter your current master password, then choose a new one. It cannot be recovered, so keep it safe."
      >
        <ChangePasswordForm
          onChanged={() => {
            setOpen(false);
            setChanged(true);
          }}
        />
      </Dialog>
    </section>
  );
}
