// The Credentials page: the active instance's credentials with search and a type filter, and the
// create, edit, rotate and delete dialogs. A live region says what just happened.
import { useEffect, useRef, useState } from 'react';

import { useCredentialsStore, useInstancesStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { SelectField } from '../../ui/SelectField.js';
import { useOverviewLoaded } from '../overview/use-overview-loaded.js';
import { CreateCredentialDialog } from './CreateCredentialDialog.js';
import type { CredentialAction } from './CredentialRow.js';
import { CredentialRow } from './CredentialRow.js';
import { DeleteCredentialDialog } from './DeleteCredentialDialog.js';
import { EditCredentialDialog } from './EditCredentialDialog.js';
import { RotateSecretDialog } from './RotateSecretDialog.js';
import { filterCredentials, typesInList } from './credential-list.js';
import { CopyCredentialsDialog } from '../promote/CopyCredentialsDialog.js';
import type { CopyCredentialsDialogProps } from '../promote/CopyCredentialsDialog.js';
import { FlowCheckDialog } from '../promote/FlowCheckDialog.js';

type Open =
  | { action: CredentialAction; id: string }
  | { action: 'create' }
  | { action: 'flow-check' }
  | { action: 'copy-many'; request: NonNullable<CopyCredentialsDialogProps['request']> }
  | null;

export function CredentialsPage() {
  const activeId = useInstancesStore((s) => s.activeId);
  const activeName = useInstancesStore((s) => s.instances?.find((i) => i.id === s.activeId)?.name);
  const { list, listError, show, refresh } = useCredentialsStore((s) => s);
  const [query, setQuery] = useState('');
  const [typeName, setTypeName] = useState('');
  const [open, setOpen] = useState<Open>(null);
  const [announcement, setAnnouncement] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);
  const justDeleted = useRef(false);

  useEffect(() => {
    void show(activeId);
  }, [show, activeId]);
  useOverviewLoaded();

  if (activeId === null)
    return (
      <div className="block empty-state">
        <h2>No active instance</h2>
        <p>Add a Flowise instance on the Instances page first; its credentials are listed here.</p>
      </div>
    );

  const credentials = list?.credentials ?? [];
  const shown = filterCredentials(credentials, query, typeName);
  const find = (action: CredentialAction) =>
    open !== null && open.action === action && 'id' in open
      ? credentials.find((c) => c.id === open.id)
      : undefined;
  const copying = find('copy');
  const copyRequest =
    open?.action === 'copy-many'
      ? open.request
      : copying === undefined
        ? undefined
        : { fromInstanceId: activeId, ids: [copying.id] };
  const close = () => {
    setOpen(null);
  };
  const done = (message: string) => {
    setOpen(null);
    setAnnouncement(message);
  };

  return (
    <div ref={rootRef} className="sections sections-wide">
      <div className="row row-between">
        <p className="muted">
          The credentials stored on {activeName ?? 'the active instance'}. Their secrets stay on the
          server.
        </p>
        <div className="row">
          <Button onClick={() => void refresh()}>Refresh</Button>
          <Button
            onClick={() => {
              setOpen({ action: 'flow-check' });
            }}
          >
            Flow check
          </Button>
          <Button
            data-new-credential=""
            variant="primary"
            onClick={() => {
              setOpen({ action: 'create' });
            }}
          >
            New credential
          </Button>
        </div>
      </div>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <div className="row credential-filters">
        <Field label="Search credentials" type="search" value={query} onValueChange={setQuery} />
        <SelectField
          label="Type"
          value={typeName}
          blankLabel="All types"
          options={typesInList(credentials)}
          onValueChange={setTypeName}
        />
      </div>
      {listError === null ? null : (
        <Alert actions={<Button onClick={() => void refresh()}>Try again</Button>}>
          <p>{listError.message}</p>
        </Alert>
      )}
      {list?.usage.checked === false ? (
        <p className="warning">
          Which flows use each credential could not be checked
          {list.usage.error === undefined ? '' : `: ${list.usage.error.message}`}.
        </p>
      ) : null}
      {list === null ? (
        listError === null ? (
          <p className="muted">Loading credentials…</p>
        ) : null
      ) : credentials.length === 0 ? (
        <div className="block empty-state">
          <h2>No credentials yet</h2>
          <p>Create one for the services your flows call, such as an OpenAI API key.</p>
        </div>
      ) : shown.length === 0 ? (
        <p className="muted">No credential matches the search.</p>
      ) : (
        <ul className="credential-list" aria-label="Credentials">
          {shown.map((credential) => (
            <CredentialRow
              key={credential.id}
              credential={credential}
              usage={list.usage}
              onAction={(action, id) => {
                setOpen({ action, id });
              }}
            />
          ))}
        </ul>
      )}
      <CreateCredentialDialog
        open={open?.action === 'create'}
        onClose={close}
        onCreated={(created) => {
          done(`${created.name} created.`);
        }}
      />
      <EditCredentialDialog
        credential={find('edit')}
        onClose={close}
        onSaved={(saved) => {
          done(`${saved.name} saved.`);
        }}
      />
      <RotateSecretDialog
        credential={find('rotate')}
        onClose={close}
        onRotated={(rotated, label) => {
          done(`${label} of ${rotated.name} rotated.`);
        }}
      />
      <CopyCredentialsDialog
        request={copyRequest}
        onClose={close}
        onCopied={(sentence) => {
          setAnnouncement(sentence);
        }}
      />
      <FlowCheckDialog
        fromInstanceId={open?.action === 'flow-check' ? activeId : undefined}
        onClose={close}
        onCopyMissing={(request) => {
          setOpen({ action: 'copy-many', request });
        }}
      />
      <DeleteCredentialDialog
        credential={find('delete')}
        usage={list?.usage ?? { checked: true }}
        onClose={close}
        onDeleted={(name) => {
          justDeleted.current = true;
          done(`${name} deleted.`);
        }}
        onCloseAutoFocus={(event) => {
          // The Delete button that opened the dialog is gone with its row.
          if (!justDeleted.current) return;
          justDeleted.current = false;
          event.preventDefault();
          rootRef.current?.querySelector<HTMLElement>('[data-new-credential]')?.focus();
        }}
      />
    </div>
  );
}
