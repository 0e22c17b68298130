// After an unlock: the keys due for rotation and those soon due, named, without blocking anything.
// Dismissed for this unlock; the Rotation page's Due list keeps them.
import { useEffect, useState } from 'react';

import { countOf, plural } from '../../../common/words.js';
import { usePoliciesStore } from '../../stores/stores-context.js';
import { Button } from '../../ui/Button.js';
import { namesOf } from './due-words.js';

export function DueKeysNotice({ onShow }: { onShow?: () => void }) {
  const loadDue = usePoliciesStore((s) => s.loadDue);
  const due = usePoliciesStore((s) => s.due);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    void loadDue();
  }, [loadDue]);

  if (dismissed || due === null || due.items.length === 0) return null;
  const overdue = due.items.filter((i) => i.status === 'due');
  const soon = due.items.filter((i) => i.status === 'soon');
  return (
    <section className="notice due-notice" aria-label="Keys due for rotation">
      {overdue.length === 0 ? null : (
        <p>
          <strong>
            {countOf(overdue.length, 'key')} {plural(overdue.length, 'is', 'are')} due for rotation:
          </strong>{' '}
          {namesOf(overdue)}.
        </p>
      )}
      {soon.length === 0 ? null : (
        <p>
          {countOf(soon.length, 'key')} will be due within {countOf(due.soonDays, 'day')}:{' '}
          {namesOf(soon)}.
        </p>
      )}
      <div className="row">
        {onShow === undefined ? null : (
          <Button variant="primary" onClick={onShow}>
            Show the Due list
          </Button>
        )}
        <Button
          variant="quiet"
          onClick={() => {
            setDismissed(true);
          }}
        >
          Dismiss
        </Button>
      </div>
    </section>
  );
}
