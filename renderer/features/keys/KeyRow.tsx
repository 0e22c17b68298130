// One key in the list: name, masked value, permissions, the flows that use it and its age. Button
// names carry the key's name (and its masked value when another key has the same name), so a
// screen reader's list of buttons stays unambiguous.
import type { KeySummary } from '../../../common/ipc/schemas/keys.js';
import { Button } from '../../ui/Button.js';
import { FindingBadges } from '../overview/FindingBadges.js';
import { formatDay } from '../../../common/key-list.js';
import type { KeyNaming } from './key-names.js';
import { summarizePermissions } from './permissions.js';
import { countOf } from '../../../common/words.js';
import { VaultKeyMark } from './VaultKeyMark.js';

/** What a person can do to one key; the page owns them, the rows only call them. */
export interface KeyActions {
  onCopy: (key: KeySummary) => void;
  onEdit: (key: KeySummary) => void;
  onDelete: (key: KeySummary) => void;
  onRotate: (key: KeySummary) => void;
  /** The key's delivery targets: where a rotation puts its new value. */
  onTargets: (key: KeySummary) => void;
  /** The key's rotation policy: how old it may get before it is due. */
  onPolicy: (key: KeySummary) => void;
  onPromote: (key: KeySummary) => void;
}

export interface KeyRowProps {
  keySummary: KeySummary;
  actions: KeyActions;
  naming: KeyNaming;
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
  return `Used by ${countOf(flows.length, 'flow')}: ${names.join(', ')}${more}`;
}

/** The key's name and masked value, in the full row and in the read-only all-instances list. */
export function KeyHead({ keySummary: key, level }: { keySummary: KeySummary; level: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="key-head">
      <Heading className="key-name">{key.keyName}</Heading>
      <span className="key-masked">
        <span className="visually-hidden">Value </span>
        {key.masked}
      </span>
      {key.rotating === true ? (
        <span className="badge" title="A rotation of this key has not finished: see Rotation">
          Rotating
        </span>
      ) : null}
      <FindingBadges instanceId={key.instanceId} subjectId={key.id} />
      <VaultKeyMark keySummary={key} />
    </div>
  );
}

export function KeyRow({ keySummary: key, actions, naming }: KeyRowProps) {
  const { onCopy, onEdit, onDelete, onRotate, onTargets, onPolicy, onPromote } = actions;
  const permissions = summarizePermissions(key.permissions);
  const age = `First seen ${formatDay(key.firstSeenAt)}${key.createdHere ? ' (created here)' : ''}`;
  const updated = key.updatedAt === undefined ? '' : ` · updated ${formatDay(key.updatedAt)}`;
  return (
    <div className="key-row">
      <div className="key-info">
        <KeyHead keySummary={key} level={2} />
        <p className="key-line" title={permissions}>
          {permissions}
        </p>
        <p className="key-line" data-testid="key-usage" title={usageText(key)}>
          {usageText(key)}
        </p>
        <p className="key-line muted small">
          {age}
          {updated}
          {naming.shared ? (
            <>
              {' '}
              <span className="badge">Same name as another key</span>
            </>
          ) : null}
        </p>
      </div>
      <div className="row key-actions">
        <Button
          disabled={!key.copyable}
          onClick={() => {
            onCopy(key);
          }}
        >
          Copy<Hidden>{naming.label}</Hidden>
        </Button>
        <Button
          onClick={() => {
            onEdit(key);
          }}
        >
          Edit<Hidden>{naming.label}</Hidden>
        </Button>
        <Button
          onClick={() => {
            onRotate(key);
          }}
        >
          Rotate<Hidden>{naming.label}</Hidden>
        </Button>
        <Button
          onClick={() => {
            onTargets(key);
          }}
        >
          Targets<Hidden>{naming.label}</Hidden>
        </Button>
        <Button
          onClick={() => {
            onPolicy(key);
          }}
        >
          Rotation policy<Hidden>{`of ${naming.label}`}</Hidden>
        </Button>
        <Button
          onClick={() => {
            onPromote(key);
          }}
        >
          Promote to instance…<Hidden>{naming.label}</Hidden>
        </Button>
        <Button
          variant="danger"
          onClick={() => {
            onDelete(key);
          }}
        >
          Delete<Hidden>{naming.label}</Hidden>
        </Button>
      </div>
    </div>
  );
}
