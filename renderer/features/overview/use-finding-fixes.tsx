// The one-click fixes of the Overview. A fix that changes nothing for good runs at once (mark
// public on purpose, test the instance); the others open the dialog the Keys, Credentials,
// Instances and Rotation pages use, with its confirmation, for the finding's own instance.
import { useState } from 'react';
import type { ReactNode } from 'react';

import type { Finding, FixAction } from '../../../common/ipc/schemas/overview.js';
import {
  useCredentialsStore,
  useInstancesStore,
  useKeysStore,
  useOverviewStore,
} from '../../stores/stores-context.js';
import { DeleteCredentialDialog } from '../credentials/DeleteCredentialDialog.js';
import { InstanceDialog } from '../instances/InstanceDialog.js';
import { BindFlowDialog } from '../keys/BindFlowDialog.js';
import { DeleteKeyDialog } from '../keys/DeleteKeyDialog.js';
import { EditKeyDialog } from '../keys/EditKeyDialog.js';
import { RotationWizard } from '../rotation/RotationWizard.js';
import { SplitKeyDialog } from './SplitKeyDialog.js';

interface Opened {
  action: FixAction;
  finding: Finding;
}

/** Fixes whose dialog works on the keys store's instance. */
const ON_KEYS = new Set<FixAction>(['bind-key', 'edit-permissions', 'delete-key', 'split-key']);

export interface FindingFixes {
  start: (finding: Finding, action: FixAction) => Promise<void>;
  busy: string | null;
  dialogs: ReactNode;
}

export function useFindingFixes(say: (sentence: string) => void): FindingFixes {
  const [opened, setOpened] = useState<Opened | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const showKeys = useKeysStore((s) => s.show);
  const keys = useKeysStore((s) => s.keys);
  const flows = useKeysStore((s) => s.chatflows);
  const showCredentials = useCredentialsStore((s) => s.show);
  const credentials = useCredentialsStore((s) => s.list);
  const instances = useInstancesStore((s) => s.instances);
  const test = useInstancesStore((s) => s.test);
  const markPublic = useOverviewStore((s) => s.markPublic);
  const resolved = useOverviewStore((s) => s.resolved);

  const close = (): void => {
    setOpened(null);
  };
  const done = (sentence: string): void => {
    if (opened !== null) resolved(opened.finding.id);
    setOpened(null);
    say(sentence);
  };

  async function start(finding: Finding, action: FixAction): Promise<void> {
    setBusy(finding.id);
    try {
      if (action === 'mark-public') {
        const outcome = await markPublic(finding);
        say(
          outcome.ok
            ? `${finding.subject.name} is remembered as public on purpose.`
            : outcome.error.message,
        );
      } else if (action === 'test-instance') {
        const outcome = await test(finding.instanceId);
        if (outcome.ok && outcome.value.ok) resolved(finding.id);
        say(outcome.ok ? outcome.value.summary : outcome.error.message);
      } else {
        if (ON_KEYS.has(action)) await showKeys(finding.instanceId);
        if (action === 'delete-credential') await showCredentials(finding.instanceId);
        setOpened({ finding, action });
      }
    } finally {
      setBusy(null);
    }
  }

  const is = (action: FixAction): Finding | undefined =>
    opened?.action === action ? opened.finding : undefined;
  const keyOf = (f: Finding | undefined) =>
    f === undefined ? undefined : keys?.find((k) => k.id === f.subject.id);
  const rotating = is('rotate-key') ?? is('rotate-admin');
  const resuming = is('resume-rotation');
  const wizard = rotating ?? resuming;
  const editing = is('edit-instance');
  const deletingCredential = is('delete-credential');

  const dialogs = (
    <>
      <BindFlowDialog
        flow={(() => {
          const f = is('bind-key');
          return f === undefined ? undefined : flows?.find((c) => c.id === f.subject.id);
        })()}
        onClose={close}
        onBound={(flow) => {
          done(
            flow.keyName === undefined
              ? `${flow.name} has no key: it is public.`
              : `${flow.name} now answers to ${flow.keyName}.`,
          );
        }}
      />
      <EditKeyDialog keySummary={keyOf(is('edit-permissions'))} onClose={close} onDone={done} />
      <DeleteKeyDialog
        keySummary={keyOf(is('delete-key'))}
        onClose={close}
        onDone={done}
        onCloseAutoFocus={() => undefined}
        onRotateInstead={() => {
          if (opened !== null) setOpened({ ...opened, action: 'rotate-key' });
        }}
      />
      <SplitKeyDialog
        finding={is('split-key')}
        keySummary={keyOf(is('split-key'))}
        onClose={close}
        say={say}
      />
      {wizard === undefined ? null : (
        <RotationWizard
          open
          onClose={close}
          instanceId={wizard.instanceId}
          {...(rotating?.subject.kind === 'key' ? { keyId: rotating.subject.id } : {})}
          {...(resuming === undefined ? {} : { rotationId: resuming.subject.id, resume: true })}
        />
      )}
      <InstanceDialog
        open={editing !== undefined}
        onClose={close}
        instance={instances?.find((i) => i.id === editing?.instanceId)}
        onSaved={(saved) => {
          done(`${saved.name} saved.`);
        }}
      />
      <DeleteCredentialDialog
        credential={credentials?.credentials.find((c) => c.id === deletingCredential?.subject.id)}
        usage={credentials?.usage ?? { checked: true }}
        onClose={close}
        onDeleted={(name) => {
          done(`Credential ${name} deleted.`);
        }}
      />
    </>
  );

  return { start, busy, dialogs };
}
