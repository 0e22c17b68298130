// One key in the list: name, masked value, permissions, the flows that use it and its age. Button
// names carry the key's name so a screen reader's list of buttons stays unambiguous.
import type { KeySummary } from '../../../common/ipc/schemas/keys.js';
import { Button } from '../../ui/Button.js';
import { formatDay } from './key-list.js';
import { summarizePermissions } from './permissions.js';

export interface KeyRowProps {
  keySummary: KeySummary;
  onCopy: (key: KeySummary) => void;
  onEdit: (key: KeySummary) => void;
  onDelete: (key: KeySummary) => void;
  onRotate: (key: KeySummary) => void;
}

const Hidden = ({ children }: { children: string }) => (
  <>
    {' '}
    <span className="visually-hidden">{children}</span>
  </>
);

export function usageText(key: KeySummary): string {
  const flows = key.boundFlows;
  if (flows.length === 0) return 'Not used by any flow';
  const names = flows.slice(0, 3).map((f) => f.name);
  const more = flows.length > 3 ? ` and ${String(flows.length - 3)} more` : '';
  return `Used by ${String(flows.length)} flow${flows.length === 1 ? '' : 's'}: ${names.join(', ')}${more}`;
}

export function KeyRow({ keySummary: key, onCopy, onEdit, onDelete, onRotate }: KeyRowProps) {
  const permissions = summarizePermissions(key.permissions);
  const age = `First seen ${formatDay(key.firstSeenAt)}${key.createdHere ? ' (created here)' : ''}`;
  const updated = key.updatedAt === undefined ? '' : ` · updated ${formatDay(key.updatedAt)}`;
  return (
    <div className="key-row">
      <div className="key-info">
        <div className="key-head">
          <h2 className="key-name">{key.keyName}</h2>
          <span className="key-masked">
            <span className="visually-hidden">Value </span>
            {key.masked}
          </span>
        </div>
        <p className="key-line" title={permissions}>
          {permissions}
        </p>
        <p className="key-line" data-testid="key-usage" title={usageText(key)}>
          {usageText(key)}
        </p>
        <p className="key-line muted small">
          {age}
          {updated}
        </p>
      </div>
      <div className="row key-actions">
        <Button
          disabled={!key.copyable}
          onClick={() => {
            onCopy(key);
          }}
        >
          Copy<Hidden>{key.keyName}</Hidden>
        </Button>
        <Button
          onClick={() => {
            onEdit(key);
          }}
        >
          Edit<Hidden>{key.keyName}</Hidden>
        </Button>
        <Button
          onClick={() => {
            onRotate(key);
          }}
        >
          Rotate<Hidden>{key.keyName}</Hidden>
        </Button>
        <Button
          variant="danger"
          onClick={() => {
            onDelete(key);
          }}
        >
          Delete<Hidden>{key.keyName}</Hidden>
        </Button>
      </div>
    </div>
  );
}
