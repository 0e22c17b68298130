// Each chatflow or agentflow with the key it answers to, and what can be done about it; by name,
// with a search box.
import { useId, useMemo, useState } from 'react';

import type { Chatflow } from '../../../common/ipc/schemas/keys.js';
import { countOf } from '../../../common/words.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { BindManyDialog } from './BindManyDialog.js';
import { selectFlows } from './flow-list.js';

export interface FlowsPanelProps {
  onBind: (flow: Chatflow) => void;
  onSnippet: (flow: Chatflow) => void;
}

const Hidden = ({ children }: { children: string }) => (
  <>
    {' '}
    <span className="visually-hidden">{children}</span>
  </>
);

export function keyText(flow: Chatflow): string {
  if (flow.keyId === undefined) return 'No Authorization: anyone can call it';
  return flow.keyName === undefined
    ? 'Bound to a key that no longer exists: calls get 401'
    : `Key: ${flow.keyName}`;
}

function toggled(set: ReadonlySet<string>, id: string, on: boolean): Set<string> {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

export function FlowsPanel({ onBind, onSnippet }: FlowsPanelProps) {
  const flows = useKeysStore((s) => s.chatflows);
  const error = useKeysStore((s) => s.listError);
  const refresh = useKeysStore((s) => s.refresh);
  const [text, setText] = useState('');
  const shown = useMemo(() => selectFlows(flows ?? [], text), [flows, text]);
  const searchId = useId();
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [binding, setBinding] = useState<readonly Chatflow[]>([]);
  const chosen = useMemo(
    () => selectFlows(flows ?? [], '').filter((f) => ticked.has(f.id)),
    [flows, ticked],
  );

  if (error !== null)
    return (
      <Alert actions={<Button onClick={() => void refresh()}>Try again</Button>}>
        <p>The flows could not be loaded. {error.message}</p>
      </Alert>
    );
  if (flows === null) return <p className="muted">Loading flows…</p>;
  if (flows.length === 0)
    return (
      <div className="block empty-state">
        <h2>No flows yet</h2>
        <p>Chatflows and agentflows made in Flowise show up here, with the key each answers to.</p>
      </div>
    );

  return (
    <div className="sections sections-wide">
      <div className="row keys-toolbar">
        <label htmlFor={searchId}>Search flows</label>
        <input
          id={searchId}
          type="search"
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
          }}
        />
        <Button
          disabled={chosen.length === 0}
          onClick={() => {
            setBinding(chosen);
          }}
        >
          {`Bind ${countOf(chosen.length, 'flow')} to…`}
        </Button>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No flow matches.</p>
      ) : (
        <FlowList
          flows={shown}
          ticked={ticked}
          onTick={setTicked}
          onBind={onBind}
          onSnippet={onSnippet}
        />
      )}
      <BindManyDialog
        flows={binding}
        onClose={() => {
          setBinding([]);
          setTicked(new Set());
        }}
      />
    </div>
  );
}

interface FlowListProps extends FlowsPanelProps {
  flows: Chatflow[];
  ticked: ReadonlySet<string>;
  onTick: (next: ReadonlySet<string>) => void;
}

function FlowList({ flows, ticked, onTick, onBind, onSnippet }: FlowListProps) {
  return (
    <ul className="flow-list" aria-label="Flows">
      {flows.map((flow) => (
        <li key={flow.id} className="flow-row">
          <input
            type="checkbox"
            aria-label={`Choose ${flow.name}`}
            checked={ticked.has(flow.id)}
            onChange={(event) => {
              onTick(toggled(ticked, flow.id, event.currentTarget.checked));
            }}
          />
          <div className="flow-main">
            <h2 className="key-name">{flow.name}</h2>
            <p className="muted small">
              {flow.type.toLowerCase()}
              {flow.deployed ? ' · deployed' : ''}
            </p>
            <p data-testid="flow-key" className={flow.keyId === undefined ? 'flow-public' : ''}>
              {keyText(flow)}
            </p>
          </div>
          <div className="row">
            <Button
              onClick={() => {
                onBind(flow);
              }}
            >
              Change key<Hidden>{`for ${flow.name}`}</Hidden>
            </Button>
            <Button
              onClick={() => {
                onSnippet(flow);
              }}
            >
              API code<Hidden>{`for ${flow.name}`}</Hidden>
            </Button>
          </div>
        </li>
      ))}
    </ul>
  );
}
