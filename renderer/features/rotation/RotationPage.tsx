// The Rotation section: every rotation journal, unfinished first, and the way to start a new one
// on a key of the active instance.
import { useEffect, useState } from 'react';

import { useInstancesStore, useRotationStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { BatchGraceNotice } from './BatchGraceNotice.js';
import { BulkRotationDialog } from './BulkRotationDialog.js';
import { DueList } from './DueList.js';
import { RotationList } from './RotationList.js';
import { RotationWizard } from './RotationWizard.js';

type Opened =
  | { mode: 'new'; instanceId: string }
  | { mode: 'existing'; instanceId: string; rotationId: string; resume: boolean }
  | null;

export function RotationPage() {
  const rotations = useRotationStore((s) => s.rotations);
  const listError = useRotationStore((s) => s.listError);
  const load = useRotationStore((s) => s.load);
  const activeId = useInstancesStore((s) => s.activeId);
  const activeName = useInstancesStore((s) => s.instances?.find((i) => i.id === s.activeId)?.name);
  const [opened, setOpened] = useState<Opened>(null);
  const [bulk, setBulk] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="sections sections-wide">
      <div className="row row-between">
        <p className="muted">
          {activeName === undefined
            ? 'Add a Flowise instance on the Instances page to rotate its keys.'
            : `Replace a key of ${activeName}, the active instance, without losing a flow.`}
        </p>
        <Button
          variant="primary"
          disabled={activeId === null}
          onClick={() => {
            if (activeId !== null) setOpened({ mode: 'new', instanceId: activeId });
          }}
        >
          Rotate a key
        </Button>
        <Button
          disabled={activeId === null}
          onClick={() => {
            setBulk(true);
          }}
        >
          Rotate several keys
        </Button>
      </div>
      {listError === null ? null : (
        <Alert actions={<Button onClick={() => void load()}>Try again</Button>}>
          <p>{listError.message}</p>
        </Alert>
      )}
      {rotations === null ? null : <BatchGraceNotice rotations={rotations} />}
      <DueList />
      {rotations === null ? (
        listError === null ? (
          <p className="muted">Loading rotations…</p>
        ) : null
      ) : (
        <RotationList
          rotations={rotations}
          onOpen={(view, resume) => {
            setOpened({
              mode: 'existing',
              instanceId: view.instanceId,
              rotationId: view.id,
              resume,
            });
          }}
        />
      )}
      <RotationWizard
        open={opened !== null}
        onClose={() => {
          setOpened(null);
        }}
        instanceId={opened?.instanceId ?? ''}
        rotationId={opened?.mode === 'existing' ? opened.rotationId : undefined}
        resume={opened?.mode === 'existing' ? opened.resume : undefined}
      />
      <BulkRotationDialog
        open={bulk}
        onClose={() => {
          setBulk(false);
        }}
      />
    </div>
  );
}
