// "Flow check": which credentials a flow needs, and whether each is on another instance with the
// same id (flows name credentials by id). The flow is pasted, as Flowise exports it, or picked on
// this instance; "Copy what is missing" hands the missing ones to the copy dialog.
import { useEffect, useState } from 'react';

import type { Chatflow } from '../../../common/ipc/schemas/keys.js';
import type { FlowCheck, FlowCredentialNeed } from '../../../common/ipc/schemas/promote.js';
import { useApi } from '../../api/api-context.js';
import { toStoreError } from '../../stores/store-error.js';
import { Button } from '../../ui/Button.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogForm } from '../../ui/DialogForm.js';
import { RadioGroup } from '../../ui/RadioGroup.js';
import { SelectField } from '../../ui/SelectField.js';
import { TextAreaField } from '../../ui/TextAreaField.js';
import { TargetPicker } from './TargetPicker.js';

export interface FlowCheckDialogProps {
  /** The instance the flow comes from; the dialog is open while set. */
  fromInstanceId: string | undefined;
  onClose: () => void;
  onCopyMissing: (request: { fromInstanceId: string; toInstanceId: string; ids: string[] }) => void;
}

type Source = 'pick' | 'paste';

function needSentence(need: FlowCredentialNeed, to: string): string {
  const name = need.onSource?.name ?? need.onTarget?.name ?? need.id;
  if (need.status === 'present') return `${name}: on ${to} with the same id.`;
  if (need.status === 'type-differs')
    return `${name}: ${to} has this id as “${need.onTarget?.name ?? ''}”, of another type (${need.onTarget?.typeLabel ?? ''}).`;
  return need.onSource === undefined
    ? `${need.id}: missing on ${to}, and not on this instance either.`
    : `${name} (${need.onSource.typeLabel}): missing on ${to}.`;
}

function CheckBody({
  fromInstanceId,
  onCopyMissing,
}: Omit<FlowCheckDialogProps, 'onClose' | 'fromInstanceId'> & { fromInstanceId: string }) {
  const api = useApi();
  const [to, setTo] = useState('');
  const [source, setSource] = useState<Source>('pick');
  const [flows, setFlows] = useState<Chatflow[]>([]);
  const [flowId, setFlowId] = useState('');
  const [pasted, setPasted] = useState('');
  const [check, setCheck] = useState<FlowCheck | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.chatflows.list({ instanceId: fromInstanceId }).then(
      (list) => {
        if (live) setFlows(list);
      },
      (error: unknown) => {
        if (live) setFailure(toStoreError(error).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, fromInstanceId]);

  async function run() {
    setFailure(null);
    setBusy(true);
    try {
      setCheck(
        await api.promote.flowCheck({
          fromInstanceId,
          toInstanceId: to,
          ...(source === 'pick' ? { chatflowId: flowId } : { flowJson: pasted }),
        }),
      );
    } catch (error) {
      setFailure(toStoreError(error).message);
    } finally {
      setBusy(false);
    }
  }

  const missing =
    check?.needs.filter((n) => n.status === 'missing' && n.onSource !== undefined) ?? [];
  return (
    <DialogForm
      className="stack"
      failure={failure}
      submitLabel="Check"
      submitDisabled={
        busy || to === '' || (source === 'pick' ? flowId === '' : pasted.trim() === '')
      }
      onSubmit={() => void run()}
    >
      <TargetPicker
        fromId={fromInstanceId}
        value={to}
        onValueChange={setTo}
        label="Check against instance"
      />
      <RadioGroup
        legend="The flow"
        name="flow-source"
        value={source}
        options={[
          { value: 'pick', label: 'A flow on this instance' },
          { value: 'paste', label: 'Pasted flow JSON' },
        ]}
        onValueChange={setSource}
      />
      {source === 'pick' ? (
        <SelectField
          label="Flow"
          value={flowId}
          blankLabel="Choose a flow"
          options={flows.map((f) => ({ value: f.id, label: f.name }))}
          onValueChange={setFlowId}
        />
      ) : (
        <TextAreaField label="Flow JSON" value={pasted} onValueChange={setPasted} rows={8} />
      )}
      {check === null ? null : (
        <section aria-label="Credentials the flow needs" className="stack">
          {check.needs.length === 0 ? (
            <p>This flow names no credential.</p>
          ) : (
            <ul>
              {check.needs.map((need) => (
                <li key={need.id} className={need.status === 'present' ? '' : 'warning'}>
                  {needSentence(need, check.to.name)}{' '}
                  <span className="muted small">Used by {need.nodes.join(', ')}.</span>
                </li>
              ))}
            </ul>
          )}
          {missing.length === 0 ? null : (
            <Button
              onClick={() => {
                onCopyMissing({
                  fromInstanceId,
                  toInstanceId: to,
                  ids: missing.map((n) => n.id),
                });
              }}
            >
              Copy what is missing
            </Button>
          )}
        </section>
      )}
    </DialogForm>
  );
}

export function FlowCheckDialog({ fromInstanceId, onClose, onCopyMissing }: FlowCheckDialogProps) {
  return (
    <Dialog
      open={fromInstanceId !== undefined}
      onClose={onClose}
      wide
      title="Flow check"
      description="The credentials a flow needs, and whether each is on the other instance with the same id."
    >
      {fromInstanceId === undefined ? null : (
        <CheckBody fromInstanceId={fromInstanceId} onCopyMissing={onCopyMissing} />
      )}
    </Dialog>
  );
}
