// "Copy to instance…": credentials copied to another instance under the same id. Main reads them on
// the source; the dialog shows what will be carried, asks for each secret Flowise never gives back,
// and shows a credential of the same id on the target beside the source's, copied over only when
// the person ticks it. Typed secrets go to main once and are dropped when the dialog closes.
import { useEffect, useState } from 'react';

import type {
  CredentialCopyItem,
  CredentialCopyOutcome,
  CredentialCopyPlan,
} from '../../../common/ipc/schemas/promote.js';
import { useApi } from '../../api/api-context.js';
import { toStoreError } from '../../stores/store-error.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogForm } from '../../ui/DialogForm.js';
import { Field } from '../../ui/Field.js';
import { TargetPicker } from './TargetPicker.js';

export interface CopyCredentialsDialogProps {
  /** Open while set: the instance they come from and the credentials to copy. */
  request: { fromInstanceId: string; ids: string[]; toInstanceId?: string } | undefined;
  onClose: () => void;
  onCopied: (sentence: string) => void;
}

type Secrets = Record<string, Record<string, string>>;

function ItemFields({
  item,
  to,
  secrets,
  overwrite,
  onSecret,
  onOverwrite,
}: {
  item: CredentialCopyItem;
  to: string;
  secrets: Record<string, string>;
  overwrite: boolean;
  onSecret: (field: string, value: string) => void;
  onOverwrite: (on: boolean) => void;
}) {
  return (
    <li className="stack" aria-label={item.name}>
      <h3>
        {item.name} <span className="badge">{item.typeLabel || item.credentialName}</span>
      </h3>
      {item.problem === undefined ? null : <p className="warning">{item.problem}</p>}
      {item.carried.length === 0 ? null : (
        <p className="small">Carried as read: {item.carried.join(', ')}.</p>
      )}
      {item.existing === undefined ? null : (
        <div className="warning">
          <p>
            {to} already has a credential with this id: “{item.existing.name}” (
            {item.existing.typeLabel}). This one is “{item.name}” ({item.typeLabel}).
          </p>
          <label>
            <input
              type="checkbox"
              checked={overwrite}
              onChange={(event) => {
                onOverwrite(event.currentTarget.checked);
              }}
            />{' '}
            Overwrite “{item.existing.name}” on {to}
          </label>
        </div>
      )}
      {item.unreadable.map((field) => (
        <Field
          key={field.name}
          label={`${field.label} for ${item.name}`}
          type="password"
          autoComplete="off"
          value={secrets[field.name] ?? ''}
          hint={
            item.existing === undefined
              ? field.optional
                ? 'Flowise never gives this back; optional.'
                : 'Flowise never gives this back: type it for the copy.'
              : `Flowise never gives this back; left empty, ${to} keeps the one it stores.`
          }
          onValueChange={(value) => {
            onSecret(field.name, value);
          }}
        />
      ))}
    </li>
  );
}

/** `names`: the plan's, by id, for a credential main could no longer read (it knows only the id). */
function Results({
  results,
  names,
}: {
  results: CredentialCopyOutcome[];
  names: ReadonlyMap<string, string>;
}) {
  const words = {
    created: 'copied',
    overwritten: 'overwritten',
    skipped: 'left as it was',
    failed: 'failed',
  };
  return (
    <ul aria-label="Copy results">
      {results.map((r) => (
        <li key={r.id}>
          {r.name === r.id ? (names.get(r.id) ?? r.name) : r.name}: {words[r.outcome]}
          {r.message === undefined ? '' : ` (${r.message})`}
        </li>
      ))}
    </ul>
  );
}

function CopyBody({
  request,
  onCopied,
}: {
  request: NonNullable<CopyCredentialsDialogProps['request']>;
  onCopied: (sentence: string) => void;
}) {
  const api = useApi();
  const [to, setTo] = useState(request.toInstanceId ?? '');
  const [plan, setPlan] = useState<CredentialCopyPlan | null>(null);
  const [secrets, setSecrets] = useState<Secrets>({});
  const [overwrite, setOverwrite] = useState<Record<string, boolean>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [results, setResults] = useState<CredentialCopyOutcome[] | null>(null);
  const [busy, setBusy] = useState(false);

  // The page makes a new request object on every render: the plan is read again only when what
  // it asks for changes.
  const { fromInstanceId } = request;
  const idList = request.ids.join('\n');
  useEffect(() => {
    if (to === '') return;
    let live = true;
    api.promote
      .credentialsPlan({
        fromInstanceId,
        toInstanceId: to,
        ids: idList.split('\n'),
      })
      .then(
        (answer) => {
          if (live) setPlan(answer);
        },
        (error: unknown) => {
          if (live) setFailure(toStoreError(error).message);
        },
      );
    return () => {
      live = false;
    };
  }, [api, fromInstanceId, idList, to]);

  const copyable = plan?.items.filter((i) => i.problem === undefined) ?? [];
  async function copy() {
    if (plan === null) return;
    setFailure(null);
    setBusy(true);
    try {
      const answer = await api.promote.credentials({
        fromInstanceId: request.fromInstanceId,
        toInstanceId: to,
        items: copyable.map((item) => ({
          id: item.id,
          overwrite: overwrite[item.id] === true,
          secrets: secrets[item.id] ?? {},
        })),
      });
      setResults(answer.results);
      setSecrets({});
      const done = answer.results.filter(
        (r) => r.outcome === 'created' || r.outcome === 'overwritten',
      );
      onCopied(
        `${String(done.length)} of ${String(answer.results.length)} copied to ${plan.to.name}.`,
      );
    } catch (error) {
      setFailure(toStoreError(error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogForm
      className="stack"
      failure={failure}
      submitLabel="Copy"
      submitDisabled={
        busy || plan === null || !plan.supported || copyable.length === 0 || results !== null
      }
      onSubmit={() => void copy()}
    >
      <TargetPicker
        fromId={request.fromInstanceId}
        value={to}
        onValueChange={(id) => {
          setTo(id);
          setPlan(null);
          setResults(null);
          setFailure(null);
        }}
      />
      {to !== '' && plan === null && failure === null ? <p className="muted">Reading…</p> : null}
      {plan === null ? null : plan.supported ? (
        <p className="muted small">{plan.readNote}</p>
      ) : (
        <p className="warning">{plan.refusal}</p>
      )}
      {plan === null || !plan.supported || results !== null ? null : (
        <ul className="stack" aria-label="Credentials to copy">
          {plan.items.map((item) => (
            <ItemFields
              key={item.id}
              item={item}
              to={plan.to.name}
              secrets={secrets[item.id] ?? {}}
              overwrite={overwrite[item.id] === true}
              onSecret={(field, value) => {
                setSecrets((s) => ({ ...s, [item.id]: { ...s[item.id], [field]: value } }));
              }}
              onOverwrite={(on) => {
                setOverwrite((o) => ({ ...o, [item.id]: on }));
              }}
            />
          ))}
        </ul>
      )}
      {results === null ? null : (
        <Results
          results={results}
          names={new Map(plan?.items.map((item) => [item.id, item.name]) ?? [])}
        />
      )}
    </DialogForm>
  );
}

export function CopyCredentialsDialog({ request, onClose, onCopied }: CopyCredentialsDialogProps) {
  return (
    <Dialog
      open={request !== undefined}
      onClose={onClose}
      wide
      title="Copy to instance"
      description="Each credential is created on the other instance with the same id, so flows moved there find it."
    >
      {request === undefined ? null : <CopyBody request={request} onCopied={onCopied} />}
    </Dialog>
  );
}
