// A new credential: pick a type, then fill in the form built from its inputs.
import { useState } from 'react';

import type {
  CredentialSummary,
  CredentialTypeEntry,
} from '../../../common/ipc/schemas/credentials.js';
import { useCredentialsStore } from '../../stores/stores-context.js';
import { Button } from '../../ui/Button.js';
import { Dialog } from '../../ui/Dialog.js';
import { CredentialForm } from './CredentialForm.js';
import { dataToCreate, initialValues } from './credential-form.js';
import { TypePicker } from './TypePicker.js';

export interface CreateCredentialDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CredentialSummary) => void;
}

function CreateSteps({ onCreated }: { onCreated: (created: CredentialSummary) => void }) {
  const create = useCredentialsStore((s) => s.create);
  const [type, setType] = useState<CredentialTypeEntry | null>(null);
  if (type === null) return <TypePicker onPick={setType} />;
  return (
    <div className="stack">
      <div className="row row-between">
        <p>
          Type: <strong>{type.label}</strong>
        </p>
        <Button
          variant="quiet"
          onClick={() => {
            setType(null);
          }}
        >
          Change type
        </Button>
      </div>
      {type.description === undefined ? null : <p className="muted small">{type.description}</p>}
      {type.links.length === 0 ? null : (
        // As text: the window opens no links, and an address can be copied from here.
        <ul className="muted small" aria-label="Where to find these values">
          {type.links.map((link) => (
            <li key={link.url}>
              {link.label}: <span className="mono">{link.url}</span>
            </li>
          ))}
        </ul>
      )}
      <CredentialForm
        type={type}
        initialName=""
        initialValues={initialValues(type)}
        submitLabel="Create credential"
        onSubmit={async (name, values) => {
          const outcome = await create(type.name, name, dataToCreate(type, values));
          if (!outcome.ok) return outcome.error;
          onCreated(outcome.value);
          return null;
        }}
      />
    </div>
  );
}

export function CreateCredentialDialog({ open, onClose, onCreated }: CreateCredentialDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      wide
      title="New credential"
      description="Pick a type, then fill in its fields. Secrets go straight to the Flowise server; this app keeps no copy."
    >
      <CreateSteps onCreated={onCreated} />
    </Dialog>
  );
}
