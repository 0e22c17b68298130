// "Promote to instance…": an API key made again on another instance. The dialog shows what the
// target allows: a new value (any version; shown once, for the apps to be given) or the exact
// value through the import route (2.0.2 to 3.0.12), and the permissions its admin key cannot grant.
// On a target whose keys hold permissions, the new key's are picked from the target's catalog,
// starting from the source key's (those the target's admin key can grant).
import { useEffect, useState } from 'react';

import type { KeySummary, PermissionCatalog } from '../../../common/ipc/schemas/keys.js';
import type {
  KeyPromoteMode,
  KeyPromotePlan,
  PromotedKey,
} from '../../../common/ipc/schemas/promote.js';
import { useApi } from '../../api/api-context.js';
import { toStoreError } from '../../stores/store-error.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogForm } from '../../ui/DialogForm.js';
import { RadioGroup } from '../../ui/RadioGroup.js';
import { attempt } from '../../stores/store-kit.js';
import { KeyReveal } from '../keys/KeyReveal.js';
import { PermissionPicker } from '../keys/PermissionPicker.js';
import { TargetPicker } from './TargetPicker.js';

export interface PromoteKeyDialogProps {
  keySummary: KeySummary | undefined;
  onClose: () => void;
  onDone: (sentence: string) => void;
}

const MODE_LABELS: Record<KeyPromoteMode, string> = {
  'new-value': 'A new value, shown once',
  'same-value': 'The same value',
};

/** The target's permission catalog, read while one is chosen ('' for none); a failure is said
 * through `onFailure`, in main's words. */
function useTargetCatalog(
  instanceId: string,
  onFailure: (message: string) => void,
): PermissionCatalog | null {
  const api = useApi();
  const [catalog, setCatalog] = useState<{ instanceId: string; catalog: PermissionCatalog }>();
  useEffect(() => {
    if (instanceId === '') return;
    let live = true;
    api.keys.permissions({ instanceId }).then(
      (answer) => {
        if (live) setCatalog({ instanceId, catalog: answer });
      },
      (error: unknown) => {
        if (live) onFailure(toStoreError(error).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, instanceId, onFailure]);
  return catalog?.instanceId === instanceId ? catalog.catalog : null;
}

function PromoteBody({
  keySummary,
  onClose,
  onDone,
}: Required<PromoteKeyDialogProps> & { keySummary: KeySummary }) {
  const api = useApi();
  const [to, setTo] = useState('');
  const [plan, setPlan] = useState<KeyPromotePlan | null>(null);
  const [mode, setMode] = useState<KeyPromoteMode>('new-value');
  const [permissions, setPermissions] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [promoted, setPromoted] = useState<PromotedKey | null>(null);
  const [busy, setBusy] = useState(false);
  const { instanceId: fromInstanceId, id: keyId } = keySummary;
  const ref = { fromInstanceId, toInstanceId: to, keyId };

  useEffect(() => {
    if (to === '') return;
    let live = true;
    api.promote.keyPlan({ fromInstanceId, toInstanceId: to, keyId }).then(
      (answer) => {
        if (!live) return;
        setPlan(answer);
        const lacks = new Set(answer.targetAdminLacks);
        setPermissions((answer.permissions ?? []).filter((p) => !lacks.has(p)));
        setMode(
          answer.modes.find((m) => m.mode === 'same-value')?.possible ? 'same-value' : 'new-value',
        );
      },
      (error: unknown) => {
        if (live) setFailure(toStoreError(error).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, fromInstanceId, keyId, to]);
  const picking = plan?.targetHasPermissions === true && mode === 'new-value';
  const catalog = useTargetCatalog(plan?.targetHasPermissions === true ? to : '', setFailure);

  if (promoted?.ticket !== undefined)
    return (
      <KeyReveal
        ticket={promoted.ticket}
        keyName={promoted.key.keyName}
        label={`The new key on ${plan?.to.name ?? 'the other instance'}`}
        warning={
          <>
            <strong>You will not see this value again.</strong> Give it to the apps that call{' '}
            {plan?.to.name ?? 'the other instance'}; it can only be copied from its list.
          </>
        }
        copyLabel="Copy key"
        copy={(password) =>
          attempt(() =>
            api.keys.copy({
              instanceId: promoted.key.instanceId,
              keyId: promoted.key.id,
              ...(password === undefined ? {} : { password }),
            }),
          )
        }
        onDone={onClose}
        testId="revealed-key"
      />
    );

  async function promote() {
    setFailure(null);
    setBusy(true);
    try {
      const answer = await api.promote.key({ ...ref, mode, ...(picking ? { permissions } : {}) });
      setPromoted(answer);
      const where = plan?.to.name ?? 'the other instance';
      onDone(
        answer.mode === 'same-value'
          ? `${keySummary.keyName} carried to ${where} with the same value.`
          : `${keySummary.keyName} made again on ${where} with a new value.`,
      );
      if (answer.ticket === undefined) onClose();
    } catch (error) {
      setFailure(toStoreError(error).message);
    } finally {
      setBusy(false);
    }
  }

  const chosen = plan?.modes.find((m) => m.mode === mode);
  return (
    <DialogForm
      className="stack"
      failure={failure}
      submitLabel="Promote"
      submitDisabled={
        busy || plan === null || chosen?.possible !== true || (picking && permissions.length === 0)
      }
      onSubmit={() => void promote()}
    >
      <TargetPicker
        fromId={keySummary.instanceId}
        value={to}
        onValueChange={(id) => {
          setTo(id);
          setPlan(null);
          setFailure(null);
        }}
        label="Promote to instance"
      />
      {plan === null ? null : (
        <>
          <RadioGroup
            legend="Value on the other instance"
            name="promote-mode"
            value={mode}
            options={plan.modes
              .filter((m) => m.possible)
              .map((m) => ({ value: m.mode, label: MODE_LABELS[m.mode] }))}
            onValueChange={setMode}
          />
          <ul className="small">
            {plan.modes.map((m) => (
              <li key={m.mode}>
                {MODE_LABELS[m.mode]}: {m.note}
              </li>
            ))}
          </ul>
          {plan.targetAdminLacks.length === 0 ? null : (
            <p className="warning">
              The admin key of {plan.to.name} does not hold {plan.targetAdminLacks.join(', ')}, so
              it cannot grant them.
            </p>
          )}
          {picking && plan.permissions === undefined ? (
            <p className="warning">
              Keys on {plan.from.name} carry no permissions: choose the ones this key gets on{' '}
              {plan.to.name}.
            </p>
          ) : null}
          {!picking ? null : catalog === null ? (
            <p className="muted">Loading permissions…</p>
          ) : (
            <PermissionPicker catalog={catalog} selected={permissions} onChange={setPermissions} />
          )}
        </>
      )}
    </DialogForm>
  );
}

export function PromoteKeyDialog({ keySummary, onClose, onDone }: PromoteKeyDialogProps) {
  return (
    <Dialog
      open={keySummary !== undefined}
      onClose={onClose}
      dismissible={false}
      title={`Promote ${keySummary?.keyName ?? ''} to another instance`}
      description="A key of the same name and permissions is made on the other instance. Each promotion is audited with both instances named."
    >
      {keySummary === undefined ? null : (
        <PromoteBody keySummary={keySummary} onClose={onClose} onDone={onDone} />
      )}
    </Dialog>
  );
}
