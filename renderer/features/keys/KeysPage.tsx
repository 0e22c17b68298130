// The Keys section: the active instance's keys and flows in two tabs, and the dialogs that act on
// them. A live region says what just happened for people who cannot see the list change.
import { useEffect, useRef, useState } from 'react';

import type { Chatflow, KeySummary } from '../../../common/ipc/schemas/keys.js';
import { useInstancesStore, useKeysStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { useOverviewLoaded } from '../overview/use-overview-loaded.js';
import { TargetsDialog } from '../delivery/TargetsDialog.js';
import { KeyPolicyDialog } from '../policies/KeyPolicyDialog.js';
import { RotationWizard } from '../rotation/RotationWizard.js';
import { AllInstancesPanel } from './AllInstancesPanel.js';
import { BindFlowDialog } from './BindFlowDialog.js';
import { CreateKeyDialog } from './CreateKeyDialog.js';
import { DeleteKeyDialog } from './DeleteKeyDialog.js';
import { PromoteKeyDialog } from '../promote/PromoteKeyDialog.js';
import { EditKeyDialog } from './EditKeyDialog.js';
import { FlowsPanel } from './FlowsPanel.js';
import type { KeyActions } from './KeyRow.js';
import { KeysPanel } from './KeysPanel.js';
import { keyNaming, useKeyNaming, useSharedNames } from './key-names.js';
import { SnippetDialog } from './SnippetDialog.js';
import { Tabs } from '../../ui/Tabs.js';
import { useGuardedCopy } from './use-guarded-copy.js';

type View = 'keys' | 'flows' | 'all';
const VIEWS = [
  { id: 'keys', label: 'Keys' },
  { id: 'flows', label: 'Flows' },
  { id: 'all', label: 'All instances' },
] as const;

export function KeysPage() {
  const instances = useInstancesStore((s) => s.instances);
  const activeId = useInstancesStore((s) => s.activeId);
  const setActive = useInstancesStore((s) => s.setActive);
  const keys = useKeysStore((s) => s.keys);
  const flows = useKeysStore((s) => s.chatflows);
  const show = useKeysStore((s) => s.show);
  const copyKey = useKeysStore((s) => s.copy);
  const refresh = useKeysStore((s) => s.refresh);
  const guarded = useGuardedCopy();
  const [view, setView] = useState<View>('keys');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [binding, setBinding] = useState<string | null>(null);
  const [snippetFor, setSnippetFor] = useState<string | null>(null);
  const [rotating, setRotating] = useState<string | null>(null);
  const [targetsOf, setTargetsOf] = useState<string | null>(null);
  const [policyOf, setPolicyOf] = useState<string | null>(null);
  const [promoting, setPromoting] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);
  const justDeleted = useRef(false);
  const active = instances?.find((i) => i.id === activeId);
  const findKey = (id: string | null) => keys?.find((k) => k.id === id);
  const findFlow = (id: string | null) => flows?.find((f) => f.id === id);
  const shared = useSharedNames();
  const rotatingNaming = useKeyNaming(findKey(rotating));

  useEffect(() => {
    void show(activeId);
  }, [show, activeId]);
  useOverviewLoaded();

  if (instances !== null && active === undefined)
    return (
      <div className="block empty-state">
        <h2>No active instance</h2>
        <p>Add a Flowise instance on the Instances page first; its API keys are listed here.</p>
      </div>
    );

  const actions: KeyActions = {
    onCopy: (key) =>
      void guarded.copy(`API key ${keyNaming(key, shared).label}`, (password) =>
        copyKey(key.id, password),
      ),
    onEdit: (key) => {
      setEditing(key.id);
    },
    onDelete: (key) => {
      setDeleting(key.id);
    },
    onRotate: (key) => {
      setRotating(key.id);
    },
    onTargets: (key) => {
      setTargetsOf(key.id);
    },
    onPolicy: (key) => {
      setPolicyOf(key.id);
    },
    onPromote: (key) => {
      setPromoting(key.id);
    },
  };
  const targetsKey = findKey(targetsOf);
  const policyKey = findKey(policyOf);
  // What the targets and policy dialogs need of a key, named as its row names it.
  const refOf = (key: KeySummary | undefined) =>
    key === undefined
      ? undefined
      : { instanceId: key.instanceId, keyId: key.id, label: keyNaming(key, shared).label };

  return (
    <div ref={rootRef} className="sections sections-wide">
      <p className="muted">
        API keys and flows of <strong>{active?.name ?? '…'}</strong>, the active instance.
      </p>
      <p role="status" className="notice">
        {announcement}
      </p>
      {guarded.failure === null ? null : (
        <Alert actions={<Button onClick={guarded.clearFailure}>Dismiss</Button>}>
          <p>{guarded.failure}</p>
        </Alert>
      )}
      <Tabs label="Keys and flows" tabs={VIEWS} selected={view} onSelect={setView}>
        {view === 'keys' ? (
          <KeysPanel
            onCreate={() => {
              setCreating(true);
            }}
            actions={actions}
          />
        ) : view === 'all' ? (
          <AllInstancesPanel
            onManage={(id) => {
              void setActive(id).then((failed) => {
                if (failed === null) setView('keys');
              });
            }}
          />
        ) : (
          <FlowsPanel
            onBind={(flow: Chatflow) => {
              setBinding(flow.id);
            }}
            onSnippet={(flow: Chatflow) => {
              setSnippetFor(flow.id);
            }}
          />
        )}
      </Tabs>
      {guarded.dialog}
      <CreateKeyDialog
        open={creating}
        onClose={() => {
          setCreating(false);
        }}
        onCreated={(name) => {
          setAnnouncement(`Key ${name} created.`);
        }}
      />
      <EditKeyDialog
        keySummary={findKey(editing)}
        onClose={() => {
          setEditing(null);
        }}
        onDone={(sentence) => {
          setEditing(null);
          setAnnouncement(sentence);
        }}
      />
      <PromoteKeyDialog
        keySummary={findKey(promoting)}
        onClose={() => {
          setPromoting(null);
        }}
        onDone={setAnnouncement}
      />
      <DeleteKeyDialog
        keySummary={findKey(deleting)}
        onClose={() => {
          setDeleting(null);
        }}
        onDone={(sentence) => {
          justDeleted.current = true;
          setDeleting(null);
          setAnnouncement(sentence);
        }}
        onRotateInstead={(key) => {
          setDeleting(null);
          setRotating(key.id);
        }}
        onCloseAutoFocus={(event) => {
          // The Delete button that opened the dialog is gone with its row.
          if (!justDeleted.current) return;
          justDeleted.current = false;
          event.preventDefault();
          rootRef.current?.querySelector<HTMLElement>('[data-create-key]')?.focus();
        }}
      />
      <BindFlowDialog
        flow={findFlow(binding)}
        onClose={() => {
          setBinding(null);
        }}
        onBound={(flow) => {
          setBinding(null);
          setAnnouncement(
            flow.keyName === undefined
              ? `${flow.name} is now public: No Authorization.`
              : `${flow.name} now answers to key ${flow.keyName}.`,
          );
        }}
      />
      <RotationWizard
        open={rotating !== null}
        onClose={() => {
          setRotating(null);
          // A rotation adds a key, rebinds flows and may revoke the old one.
          void refresh();
        }}
        instanceId={activeId ?? ''}
        keyId={rotating ?? undefined}
        keyLabel={rotatingNaming?.shared === true ? rotatingNaming.long : undefined}
      />
      <TargetsDialog
        keyRef={refOf(targetsKey)}
        onClose={() => {
          setTargetsOf(null);
        }}
      />
      <KeyPolicyDialog
        keyRef={refOf(policyKey)}
        onClose={() => {
          setPolicyOf(null);
        }}
        onDone={(sentence) => {
          setPolicyOf(null);
          setAnnouncement(sentence);
        }}
      />
      <SnippetDialog
        flow={findFlow(snippetFor)}
        onClose={() => {
          setSnippetFor(null);
        }}
      />
    </div>
  );
}
