// The guided rotation of one key, in a dialog: choose the key (unless given), read the plan, run
// it with live progress, reveal the new key once, wait while apps are updated, revoke, summary.
// Opened with a rotation id, it shows that rotation where it stands, to resume or review it.
// The reveal ticket and the key value stay in this dialog's state and go when it closes.
import { useEffect, useRef, useState } from 'react';

import type { Outcome } from '../../stores/store-kit.js';
import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { useRotationStore } from '../../stores/stores-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { ChooseKeyStep } from './ChooseKeyStep.js';
import { PlanStep } from './PlanStep.js';
import { RevealPasswordDialog } from './RevealPasswordDialog.js';
import { RunStep } from './RunStep.js';

export interface RotationWizardProps {
  open: boolean;
  onClose: () => void;
  /** The instance whose key is rotated (for a rotation id, the rotation's own). */
  instanceId: string;
  /** Preselects the key: the wizard opens on its plan. */
  keyId?: string | undefined;
  /** Opens an existing rotation instead of planning a new one. */
  rotationId?: string | undefined;
  /** With a rotation id: resume it at once if it was interrupted mid-step. */
  resume?: boolean | undefined;
  /** Names the key when its name alone is ambiguous: "qa-key (••••LwRw, first seen …)". */
  keyLabel?: string | undefined;
}

type Phase = 'choose' | 'plan' | 'run';

function WizardBody({ instanceId, keyId: given, rotationId: opened, resume }: RotationWizardProps) {
  const store = useRotationStore((s) => s);
  const [phase, setPhase] = useState<Phase>(
    opened !== undefined ? 'run' : given === undefined ? 'choose' : 'plan',
  );
  const [keyId, setKeyId] = useState(given);
  const [rotationId, setRotationId] = useState(opened);
  const [ticket, setTicket] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [callError, setCallError] = useState<string | null>(null);
  const [reauth, setReauth] = useState<string | null>(null);
  // Rotations that existed before our start: the new journal is the one not among them.
  const [before, setBefore] = useState<ReadonlySet<string>>(new Set());
  const resumed = useRef(false);

  const view = store.rotations?.find((r) =>
    rotationId !== undefined
      ? r.id === rotationId
      : busy && r.instanceId === instanceId && r.oldKey.id === keyId && !before.has(r.id),
  );

  async function call(job: () => Promise<Outcome<RotationView>>): Promise<Outcome<RotationView>> {
    setBusy(true);
    setCallError(null);
    const outcome = await job();
    setBusy(false);
    if (!outcome.ok) {
      // The password question is asked in its own dialog, not shown as a failure.
      if (outcome.error.code === 'reauth_required') setReauth(outcome.error.message);
      else setCallError(outcome.error.message);
      return outcome;
    }
    setRotationId(outcome.value.id);
    if (outcome.value.ticket !== undefined) setTicket(outcome.value.ticket);
    return outcome;
  }
  const on = (job: (id: string) => Promise<Outcome<RotationView>>) => () => {
    if (rotationId !== undefined) void call(() => job(rotationId));
  };

  const { rotations, load } = store;
  useEffect(() => {
    if (opened !== undefined && rotations === null) void load();
  }, [opened, rotations, load]);

  // Decided on the rotation as it was when opened: later it is "running" because of our own
  // revoke or rollback, and a resume then would collide with that call.
  const openedAs = useRef<RotationView['status'] | undefined>(undefined);
  useEffect(() => {
    openedAs.current ??= view?.status;
  });
  useEffect(() => {
    if (resume !== true || resumed.current || view?.status !== 'running') return;
    if (openedAs.current !== 'running') return;
    resumed.current = true;
    void call(() => store.resume(view.id));
  });

  if (phase === 'choose')
    return (
      <ChooseKeyStep
        instanceId={instanceId}
        initial={keyId}
        onChosen={(id) => {
          setKeyId(id);
          setPhase('plan');
        }}
      />
    );
  if (phase === 'plan' && keyId !== undefined)
    return (
      <PlanStep
        instanceId={instanceId}
        keyId={keyId}
        onBack={
          given === undefined
            ? () => {
                setPhase('choose');
              }
            : undefined
        }
        onStart={(plan, probeFlowIds) => {
          setBefore(new Set((store.rotations ?? []).map((r) => r.id)));
          setPhase('run');
          void call(() =>
            store.start({
              instanceId: plan.instanceId,
              keyId: plan.oldKey.id,
              ...(probeFlowIds.length === 0 ? {} : { probeFlowIds }),
            }),
          );
        }}
      />
    );
  return (
    <>
      <RunStep
        view={view}
        busy={busy}
        callError={callError}
        ticket={ticket}
        onRevealed={() => {
          setTicket(null);
        }}
        onResume={on(store.resume)}
        onRollback={on(store.rollback)}
        onShowAgain={on(store.reveal)}
        onRevoke={(override) => {
          if (rotationId !== undefined) void call(() => store.revoke(rotationId, override));
        }}
        onRetryDelivery={(targetIds) => {
          if (rotationId !== undefined) void call(() => store.retryDelivery(rotationId, targetIds));
        }}
      />
      <RevealPasswordDialog
        reason={reauth}
        onSubmit={async (password) => {
          if (rotationId === undefined) return null;
          const outcome = await store.reveal(rotationId, password);
          if (!outcome.ok) return outcome.error.message;
          setTicket(outcome.value.ticket ?? null);
          return null;
        }}
        onClose={() => {
          setReauth(null);
        }}
      />
    </>
  );
}

export function RotationWizard(props: RotationWizardProps) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      wide
      title="Rotate an API key"
      description={`${props.keyLabel === undefined ? '' : `The key: ${props.keyLabel}. `}Replace a key with a new one, step by step. Each step is saved in the vault, so an interrupted rotation can be resumed.`}
    >
      <WizardBody {...props} />
    </Dialog>
  );
}
