// After an unlock: the rotations that were left unfinished (the app quit or crashed mid-way, or
// one waits in grace), offered for resume without blocking anything. Mount it once inside the
// unlocked frame; it remembers what was unfinished when it mounted, so a rotation started later
// in this session is not mistaken for an interrupted one.
import { useEffect, useState } from 'react';

import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { useRotationStore } from '../../stores/stores-context.js';
import { Button } from '../../ui/Button.js';

import { RotationWizard } from './RotationWizard.js';
import { countOf } from '../../../common/words.js';

export function ResumeRotationsNotice() {
  const load = useRotationStore((s) => s.load);
  const rotations = useRotationStore((s) => s.rotations);
  const [found, setFound] = useState<ReadonlySet<string> | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const [opened, setOpened] = useState<RotationView | null>(null);

  useEffect(() => {
    let live = true;
    void load().then((list) => {
      if (live && list !== null)
        setFound(new Set(list.filter((r) => r.unfinished).map((r) => r.id)));
    });
    return () => {
      live = false;
    };
  }, [load]);

  const open = (rotations ?? []).filter((r) => r.unfinished && found?.has(r.id) === true);
  const wizard = (
    <RotationWizard
      open={opened !== null}
      onClose={() => {
        setOpened(null);
      }}
      instanceId={opened?.instanceId ?? ''}
      rotationId={opened?.id}
      resume
    />
  );
  // The wizard stays at one place in the tree, so it keeps its state when the notice goes.
  return (
    <>
      {dismissed || open.length === 0 ? null : (
        <Notice
          open={open}
          onOpen={setOpened}
          onDismiss={() => {
            setDismissed(true);
          }}
        />
      )}
      {wizard}
    </>
  );
}

function Notice({
  open,
  onOpen,
  onDismiss,
}: {
  open: readonly RotationView[];
  onOpen: (view: RotationView) => void;
  onDismiss: () => void;
}) {
  return (
    <section className="notice rotation-notice" aria-label="Unfinished rotations">
      <p>
        <strong>{countOf(open.length, 'key rotation')} did not finish.</strong> Resume to finish, or
        roll back if the old key was not revoked yet.
      </p>
      <div className="row">
        {open.slice(0, 3).map((view) => (
          <Button
            key={view.id}
            variant="primary"
            onClick={() => {
              onOpen(view);
            }}
          >
            Resume rotation of {view.oldKey.name}
          </Button>
        ))}
        <Button variant="quiet" onClick={onDismiss}>
          Later
        </Button>
      </div>
    </section>
  );
}
