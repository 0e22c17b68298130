// Step one of a new credential: the server's credential types, searched by label or name. Every
// word typed must match, as in main's own search; the catalog is loaded once per instance.
import { useEffect, useState } from 'react';

import type { CredentialTypeEntry } from '../../../common/ipc/schemas/credentials.js';
import type { StoreError } from '../../stores/store-error.js';
import { useCredentialsStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { matchesWords } from './credential-list.js';

export interface TypePickerProps {
  onPick: (type: CredentialTypeEntry) => void;
}

export function TypePicker({ onPick }: TypePickerProps) {
  const catalog = useCredentialsStore((s) => s.catalog);
  const loadCatalog = useCredentialsStore((s) => s.loadCatalog);
  const [query, setQuery] = useState('');
  const [failure, setFailure] = useState<StoreError | null>(null);

  useEffect(() => {
    void loadCatalog().then((outcome) => {
      if (!outcome.ok) setFailure(outcome.error);
    });
  }, [loadCatalog]);

  const found = (catalog?.types ?? []).filter((t) => matchesWords(query, t.label, t.name));
  return (
    <div className="stack">
      <Field
        label="Search credential types"
        type="search"
        value={query}
        onValueChange={setQuery}
        onKeyDown={(event) => {
          // Enter takes the only match, so a type can be chosen without leaving the keyboard row.
          const [only] = found;
          if (event.key === 'Enter' && only !== undefined && found.length === 1) {
            event.preventDefault();
            onPick(only);
          }
        }}
        autoFocus
        hint={
          catalog === null
            ? undefined
            : `${String(found.length)} of ${String(catalog.total)} types.`
        }
      />
      {failure === null ? null : (
        <Alert>
          <p>{failure.message}</p>
        </Alert>
      )}
      {catalog === null && failure === null ? <p className="muted">Loading types…</p> : null}
      <ul className="credential-types" aria-label="Credential types">
        {found.map((type) => (
          <li key={type.name}>
            <Button
              variant="quiet"
              className="credential-type"
              onClick={() => {
                onPick(type);
              }}
            >
              {type.label}
            </Button>
            <span className="muted small mono">{type.name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
