// One instance in the list: what it is, how its last test went, and what can be done with it.
// Button names carry the instance's name so a screen reader's list of buttons stays unambiguous.
import { useId } from 'react';

import type { InstanceSummary } from '../../../common/ipc/schemas/instances.js';
import { Button } from '../../ui/Button.js';
import { adviceFor, statusOf } from './instance-status.js';
import { KeyPermissions } from './KeyPermissions.js';
import { MissingForVault } from './MissingForVault.js';

export interface InstanceRowProps {
  instance: InstanceSummary;
  position: number;
  count: number;
  active: boolean;
  testing: boolean;
  /** A change to the list is under way: moving again now would race it. */
  busy: boolean;
  onTest: (id: string) => void;
  onEdit: (id: string) => void;
  onRemove: (id: string) => void;
  onMove: (id: string, by: -1 | 1) => void;
  onMakeActive: (id: string) => void;
}

/** Words for screen readers only; the space sits outside so every name computation keeps it. */
const Hidden = ({ children }: { children: string }) => (
  <>
    {' '}
    <span className="visually-hidden">{children}</span>
  </>
);

/** Before 3.0.13 Flowise keys carry no permissions: any leaked key is as good as the admin's. */
function KeyAccessWarning(props: { generation: string | undefined; version: string | undefined }) {
  const access =
    props.generation === '3.0.1-3.0.12'
      ? 'workspace-owner access'
      : props.generation === '2.0.6-3.0.0'
        ? 'full access'
        : null;
  if (access === null) return null;
  const server = props.version === undefined ? 'This server' : `Flowise ${props.version}`;
  return (
    <p className="warning">
      Every key can do everything: {server} gives each API key {access}, with no per-key
      permissions. Flowise 3.0.13 or later limits each key to what it needs.
    </p>
  );
}

export function InstanceRow(props: InstanceRowProps) {
  const { instance, position, count, active, testing, busy } = props;
  const { id, name, lastCheck } = instance;
  const headingId = useId();
  const status = statusOf(lastCheck, testing);
  const advice = lastCheck?.ok === false ? adviceFor(lastCheck.error) : null;
  return (
    <li className="instance-row" aria-labelledby={headingId}>
      <div className="instance-head">
        <span className="swatch" style={{ backgroundColor: instance.colour }} aria-hidden="true" />
        <h2 id={headingId}>{name}</h2>
        {active ? <span className="badge">Active</span> : null}
      </div>
      <p className="muted small">
        {instance.baseUrl} · admin key {instance.adminKeyMasked}
      </p>
      <p role="status" className={`instance-status status-${status.tone}`}>
        {status.label}
      </p>
      {lastCheck === undefined || testing ? null : (
        <div className="instance-summary" data-testid="instance-summary">
          <p>{lastCheck.summary}</p>
          <KeyPermissions permissions={lastCheck.permissions} />
          {advice === null ? null : <p className="muted">{advice}</p>}
          <KeyAccessWarning generation={lastCheck.generation} version={lastCheck.version} />
          <MissingForVault missing={lastCheck.missingForVault} />
        </div>
      )}
      <div className="row">
        <Button
          disabled={testing}
          onClick={() => {
            props.onTest(id);
          }}
        >
          Test connection<Hidden>{`to ${name}`}</Hidden>
        </Button>
        <Button
          onClick={() => {
            props.onEdit(id);
          }}
        >
          Edit<Hidden>{name}</Hidden>
        </Button>
        <Button
          variant="danger"
          onClick={() => {
            props.onRemove(id);
          }}
        >
          Remove<Hidden>{name}</Hidden>
        </Button>
        {active ? null : (
          <Button
            disabled={busy}
            onClick={() => {
              props.onMakeActive(id);
            }}
          >
            Make active<Hidden>{`(${name})`}</Hidden>
          </Button>
        )}
        <Button
          variant="quiet"
          data-move={`${id}:up`}
          disabled={busy || position === 0}
          onClick={() => {
            props.onMove(id, -1);
          }}
        >
          Move up<Hidden>{`(${name})`}</Hidden>
        </Button>
        <Button
          variant="quiet"
          data-move={`${id}:down`}
          disabled={busy || position === count - 1}
          onClick={() => {
            props.onMove(id, 1);
          }}
        >
          Move down<Hidden>{`(${name})`}</Hidden>
        </Button>
      </div>
    </li>
  );
}
