// The hint and error under a labelled control, and the aria attributes that tie them to it.
import type { ReactNode } from 'react';

export interface FieldNotes {
  /** Spread onto the control. */
  aria: { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };
  notes: ReactNode;
}

export function fieldNotes(
  id: string,
  hint: ReactNode,
  error: string | null | undefined,
): FieldNotes {
  const hasError = error !== undefined && error !== null && error !== '';
  const describedBy =
    [hint === undefined ? '' : `${id}-hint`, hasError ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;
  return {
    aria: { 'aria-invalid': hasError || undefined, 'aria-describedby': describedBy },
    notes: (
      <>
        {hint === undefined ? null : (
          <div id={`${id}-hint`} className="field-hint">
            {hint}
          </div>
        )}
        {hasError ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </>
    ),
  };
}
