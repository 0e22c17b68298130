// One credential in the list: name, type, dates, the flows that use it, and its actions.
import type { CredentialSummary, UsageStatus } from '../../../common/ipc/schemas/credentials.js';
import { Button } from '../../ui/Button.js';
import { FindingBadges } from '../overview/FindingBadges.js';
import { formatDate, usageSentence } from './credential-list.js';

export type CredentialAction = 'edit' | 'rotate' | 'delete' | 'copy';

export interface CredentialRowProps {
  credential: CredentialSummary;
  usage: UsageStatus;
  onAction: (action: CredentialAction, id: string) => void;
}

export function CredentialRow({ credential, usage, onAction }: CredentialRowProps) {
  const { id, name, typeLabel, shared } = credential;
  const hidden = <span className="visually-hidden">{`(${name})`}</span>;
  return (
    <li className="credential-row" aria-label={name}>
      <div className="credential-main">
        <h2 className="credential-name">{name}</h2>
        <p>
          <span className="badge">{typeLabel}</span>
          {shared ? <span className="badge">Shared from another workspace</span> : null}
          <FindingBadges instanceId={credential.instanceId} subjectId={id} />
        </p>
        <p className="muted small">
          Created {formatDate(credential.createdAt)} · Updated {formatDate(credential.updatedAt)}
        </p>
        <p className="small">{usageSentence(credential, usage)}</p>
      </div>
      {shared ? null : (
        <div className="row">
          <Button
            onClick={() => {
              onAction('edit', id);
            }}
          >
            Edit {hidden}
          </Button>
          <Button
            onClick={() => {
              onAction('rotate', id);
            }}
          >
            Rotate secret {hidden}
          </Button>
          <Button
            onClick={() => {
              onAction('copy', id);
            }}
          >
            Copy to instance… {hidden}
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              onAction('delete', id);
            }}
          >
            Delete {hidden}
          </Button>
        </div>
      )}
    </li>
  );
}
