// The "Maximum key age (days)" input, shared by the instance form and a key's policy dialog.
import type { ReactNode } from 'react';

import { Field } from '../../ui/Field.js';
import type { PolicyDraft } from './use-policy-draft.js';

export function PolicyField({ draft, hint }: { draft: PolicyDraft; hint: ReactNode }) {
  return (
    <Field
      label="Maximum key age (days)"
      inputMode="numeric"
      autoComplete="off"
      value={draft.text}
      onValueChange={draft.setText}
      hint={hint}
      error={draft.error}
    />
  );
}
