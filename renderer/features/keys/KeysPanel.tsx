// The keys of the active instance: search, sort, filters, and the windowed list. Filtering
// runs on a deferred copy of the query, so typing stays smooth with 10,000 keys.
import { useDeferredValue, useLayoutEffect, useMemo, useState } from 'react';

import { useKeysStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import type { KeyQuery } from '../../../common/key-list.js';
import { DEFAULT_QUERY, selectKeys } from '../../../common/key-list.js';
import { KeyFilters } from './KeyFilters.js';
import { keyNaming, useSharedNames } from './key-names.js';
import { KEYS_SHOWN_MARK } from './keys-marks.js';
import { KeyRow } from './KeyRow.js';
import { MissingKeys } from './MissingKeys.js';
import type { KeyActions } from './KeyRow.js';
import { VirtualList } from '../../ui/VirtualList.js';
import { countOf } from '../../../common/words.js';

export const KEY_ROW_HEIGHT = 112;

export interface KeysPanelProps {
  onCreate: () => void;
  /** Handed to each row as they are. */
  actions: KeyActions;
}

export function KeysPanel({ onCreate, actions }: KeysPanelProps) {
  const keys = useKeysStore((s) => s.keys);
  const error = useKeysStore((s) => s.listError);
  const refresh = useKeysStore((s) => s.refresh);
  const [query, setQuery] = useState<KeyQuery>(DEFAULT_QUERY);
  const deferred = useDeferredValue(query);
  const shown = useMemo(() => selectKeys(keys ?? [], deferred), [keys, deferred]);
  const shared = useSharedNames();
  useLayoutEffect(() => {
    // For test/bench/keys-render-bench.ts. Clearing keeps the page's timeline from growing.
    performance.mark(KEYS_SHOWN_MARK, {
      detail: { text: deferred.text, shown: shown.length, total: keys?.length ?? null },
    });
    performance.clearMarks(KEYS_SHOWN_MARK);
  }, [shown, keys, deferred.text]);

  return (
    <div className="sections sections-wide">
      <div className="row row-between">
        <KeyFilters query={query} onChange={setQuery} />
        <div className="row">
          {/* Keys made or deleted on the server meanwhile show up without leaving the page. */}
          <Button onClick={() => void refresh()}>
            Refresh <span className="visually-hidden">keys</span>
          </Button>
          <Button variant="primary" data-create-key="" onClick={onCreate}>
            Create key
          </Button>
        </div>
      </div>
      {error === null ? null : (
        <Alert actions={<Button onClick={() => void refresh()}>Try again</Button>}>
          <p>The keys could not be loaded. {error.message}</p>
        </Alert>
      )}
      <MissingKeys />
      {keys === null ? (
        error === null ? (
          <p className="muted">Loading keys…</p>
        ) : null
      ) : keys.length === 0 ? (
        <div className="block empty-state">
          <h2>No API keys yet</h2>
          <p>Create the first key for this instance. Its value is shown once, when it is made.</p>
        </div>
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {shown.length === keys.length
              ? countOf(keys.length, 'key')
              : `${String(shown.length)} of ${String(keys.length)} keys match`}
          </p>
          {shown.length === 0 ? (
            <p className="muted">No key matches.</p>
          ) : (
            <VirtualList
              label="API keys"
              items={shown}
              rowHeight={KEY_ROW_HEIGHT}
              maxHeight={KEY_ROW_HEIGHT * 6}
              itemKey={(key) => key.id}
              renderItem={(key) => (
                <KeyRow keySummary={key} actions={actions} naming={keyNaming(key, shared)} />
              )}
            />
          )}
        </>
      )}
    </div>
  );
}
