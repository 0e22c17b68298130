// Every instance's keys side by side, read only: an instance that cannot be reached says why
// instead of hiding the others. Acting on a key happens with its instance made active, one click
// away from each instance's heading.
import { useEffect, useId } from 'react';

import type { KeySummary } from '../../../common/ipc/schemas/keys.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { KeyHead, usageText } from './KeyRow.js';
import { summarizePermissions } from './permissions.js';
import { VirtualList } from '../../ui/VirtualList.js';

const ROW_HEIGHT = 64;

function CompactRow({ keySummary: key }: { keySummary: KeySummary }) {
  return (
    <div className="key-info">
      <KeyHead keySummary={key} level={3} />
      <p className="key-line small">
        {summarizePermissions(key.permissions)} · {usageText(key)}
      </p>
    </div>
  );
}

function InstanceKeys(props: {
  name: string;
  keys: readonly KeySummary[];
  error?: string;
  onManage: () => void;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="stack">
      <div className="row row-between">
        <h2 id={headingId}>{props.name}</h2>
        <Button onClick={props.onManage}>Manage keys of {props.name}</Button>
      </div>
      {props.error !== undefined ? (
        <Alert>
          <p>
            The keys of {props.name} could not be loaded. {props.error}
          </p>
        </Alert>
      ) : props.keys.length === 0 ? (
        <p className="muted">No API keys.</p>
      ) : (
        <VirtualList
          label={`Keys of ${props.name}`}
          items={props.keys}
          rowHeight={ROW_HEIGHT}
          maxHeight={ROW_HEIGHT * 5}
          itemKey={(key) => key.id}
          renderItem={(key) => <CompactRow keySummary={key} />}
        />
      )}
    </section>
  );
}

export function AllInstancesPanel({ onManage }: { onManage: (instanceId: string) => void }) {
  const all = useKeysStore((s) => s.all);
  const error = useKeysStore((s) => s.allError);
  const loadAll = useKeysStore((s) => s.loadAll);

  useEffect(() => {
    void loadAll();
  }, [loadAll]);

  if (error !== null)
    return (
      <Alert actions={<Button onClick={() => void loadAll()}>Try again</Button>}>
        <p>The keys could not be loaded. {error.message}</p>
      </Alert>
    );
  if (all === null) return <p className="muted">Loading every instance&apos;s keys…</p>;
  return (
    <div className="sections sections-wide">
      <p className="muted">To change a key, manage the keys of its instance.</p>
      {all.instances.map((instance) => (
        <InstanceKeys
          key={instance.instanceId}
          name={instance.instanceName}
          keys={instance.keys}
          onManage={() => {
            onManage(instance.instanceId);
          }}
          {...(instance.error === undefined ? {} : { error: instance.error.message })}
        />
      ))}
    </div>
  );
}
