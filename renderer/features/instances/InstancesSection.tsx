// The Instances page: the list, the add/edit and remove dialogs, and a live region that says what
// just happened (saved, removed, moved) for people who cannot see the list change.
import { useEffect, useRef, useState } from 'react';

import type { InstanceSummary } from '../../../common/ipc/schemas/instances.js';
import { useInstancesStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { InstanceDialog } from './InstanceDialog.js';
import { InstanceRow } from './InstanceRow.js';
import { RemoveInstanceDialog } from './RemoveInstanceDialog.js';

type Editing = { mode: 'add' } | { mode: 'edit'; id: string } | null;

/** An instance just added, with the instance that was active before it. */
interface Added {
  saved: InstanceSummary;
  activeBefore: InstanceSummary | undefined;
}

/** "Prod saved.", and why, when main made it active in place of one that failed its test. */
function addedWords({ saved, activeBefore }: Added, activeId: string | null): string {
  if (activeBefore === undefined || !madeActive({ saved, activeBefore }, activeId))
    return `${saved.name} saved.`;
  return `${saved.name} saved and made the active instance, since ${activeBefore.name} failed its last connection test.`;
}

function madeActive(announcement: string | Added, activeId: string | null): boolean {
  return (
    typeof announcement !== 'string' &&
    announcement.activeBefore !== undefined &&
    activeId === announcement.saved.id
  );
}

const LIST_ACTIONS = new Set(['load', 'remove', 'reorder', 'setActive', 'test']);

export function InstancesSection() {
  const store = useInstancesStore((s) => s);
  const { instances, activeId } = store;
  const [editing, setEditing] = useState<Editing>(null);
  // The summary itself, not its id: the row leaves the list (instances.changed) before remove()
  // resolves, and the dialog must stay until onRemoved, which moves focus and announces.
  const [removing, setRemoving] = useState<InstanceSummary | null>(null);
  // An added instance is worded at render time, from the active instance main chose.
  const [announcement, setAnnouncement] = useState<string | Added>('');
  const rootRef = useRef<HTMLDivElement>(null);
  const justRemoved = useRef(false);
  // The move button to give focus back to once the list settles; a ref, as it is no render input.
  const moving = useRef<{ id: string; by: -1 | 1 } | null>(null);
  const error = store.error !== null && LIST_ACTIONS.has(store.error.action) ? store.error : null;
  const find = (id: string | null) => instances?.find((i) => i.id === id);
  const edited = editing?.mode === 'edit' ? find(editing.id) : undefined;

  // Keeps the keyboard on the moved instance's button (disabled while the move ran, and perhaps
  // moved in the page), or on its twin once the instance reached an end of the list.
  useEffect(() => {
    const target = moving.current;
    if (target === null || store.busy) return;
    moving.current = null;
    const button = (direction: string) =>
      rootRef.current?.querySelector<HTMLButtonElement>(`[data-move="${target.id}:${direction}"]`);
    const same = button(target.by < 0 ? 'up' : 'down');
    (same?.disabled === false ? same : button(target.by < 0 ? 'down' : 'up'))?.focus();
  }, [store.busy, instances]);

  async function move(id: string, by: -1 | 1) {
    const list = instances ?? [];
    const name = find(id)?.name ?? '';
    const position = list.findIndex((i) => i.id === id) + by + 1;
    moving.current = { id, by };
    if ((await store.move(id, by)) === null)
      setAnnouncement(`${name} moved to position ${position} of ${list.length}.`);
  }

  return (
    <div ref={rootRef} className="sections sections-wide">
      <div className="row row-between">
        <p className="muted">The Flowise servers this vault holds admin keys for.</p>
        <Button
          variant="primary"
          data-add-instance=""
          onClick={() => {
            setEditing({ mode: 'add' });
          }}
        >
          Add instance
        </Button>
      </div>
      {/* A switch of the active instance is shown too: it changes what every other page works on. */}
      <p role="status" className={madeActive(announcement, activeId) ? 'muted' : 'visually-hidden'}>
        {typeof announcement === 'string' ? announcement : addedWords(announcement, activeId)}
      </p>
      {error === null ? null : (
        <Alert actions={<Button onClick={store.clearError}>Dismiss</Button>}>
          <p>{error.message}</p>
        </Alert>
      )}
      {instances === null ? (
        <p className="muted">Loading instances…</p>
      ) : instances.length === 0 ? (
        <div className="block empty-state">
          <h2>No instances yet</h2>
          <p>
            Add your first Flowise server: its address and an admin API key are all it takes. You
            can test the connection before saving.
          </p>
        </div>
      ) : (
        <ul className="instance-list" aria-label="Instances">
          {instances.map((instance, index) => (
            <InstanceRow
              key={instance.id}
              instance={instance}
              position={index}
              count={instances.length}
              active={instance.id === activeId}
              testing={store.testing.includes(instance.id)}
              busy={store.busy}
              onTest={(id) => void store.test(id)}
              onEdit={(id) => {
                setEditing({ mode: 'edit', id });
              }}
              onRemove={(id) => {
                setRemoving(find(id) ?? null);
              }}
              onMove={(id, by) => void move(id, by)}
              onMakeActive={(id) => void store.setActive(id)}
            />
          ))}
        </ul>
      )}
      <InstanceDialog
        open={editing !== null && (editing.mode === 'add' || edited !== undefined)}
        onClose={() => {
          setEditing(null);
        }}
        instance={edited}
        onSaved={(saved) => {
          setEditing(null);
          setAnnouncement(
            editing?.mode === 'add'
              ? { saved, activeBefore: find(activeId) }
              : `${saved.name} saved.`,
          );
        }}
      />
      <RemoveInstanceDialog
        instance={removing ?? undefined}
        onClose={() => {
          setRemoving(null);
        }}
        onRemoved={(name) => {
          justRemoved.current = true;
          setRemoving(null);
          setAnnouncement(`${name} removed.`);
        }}
        onCloseAutoFocus={(event) => {
          // The Remove button that opened the dialog is gone with its row.
          if (!justRemoved.current) return;
          justRemoved.current = false;
          event.preventDefault();
          rootRef.current?.querySelector<HTMLElement>('[data-add-instance]')?.focus();
        }}
      />
    </div>
  );
}
