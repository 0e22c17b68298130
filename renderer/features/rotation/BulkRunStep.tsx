// A bulk rotation under way: every key's own rotation with live progress, Retry or Roll back for
// a key that failed, the new keys one at a time, then "Revoke all old keys" and a summary. The
// reveal tickets live in this component's state only (never in a store) and go when it closes.
import { useEffect, useRef, useState } from 'react';

import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import type { Outcome } from '../../stores/store-kit.js';
import { useRotationStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { DialogClose } from '../../ui/Dialog.js';
import type { BulkKey } from './BulkKeyRow.js';
import { BulkKeyRow } from './BulkKeyRow.js';
import { BulkReveal } from './BulkReveal.js';
import { BulkRevokeAll, BulkSummary } from './BulkSummary.js';
import { RevealPasswordDialog } from './RevealPasswordDialog.js';

import { useFocusOnMount } from '../../ui/use-focus-on-mount.js';
import { countOf } from '../../../common/words.js';

export interface BulkRunStepProps {
  keys: readonly BulkKey[];
}

export function BulkRunStep({ keys }: BulkRunStepProps) {
  const store = useRotationStore((s) => s);
  const status = useFocusOnMount<HTMLParagraphElement>();
  // Journals that existed before our start: ours are the ones of these keys not among them.
  const [before] = useState(() => new Set((store.rotations ?? []).map((r) => r.id)));
  const [batchId, setBatchId] = useState<string | null>(null);
  const [refused, setRefused] = useState<ReadonlyMap<string, string>>(new Map());
  const [tickets, setTickets] = useState<ReadonlyMap<string, string>>(new Map());
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(true);
  const [callError, setCallError] = useState<string | null>(null);
  const [reauth, setReauth] = useState<{ id: string; reason: string } | null>(null);
  const [revoked, setRevoked] = useState(false);
  const started = useRef(false);

  const keep = (view: RotationView) => {
    const { ticket } = view;
    if (ticket !== undefined) setTickets((t) => new Map(t).set(view.id, ticket));
  };

  useEffect(() => {
    // StrictMode mounts twice; the batch must start once.
    if (started.current) return;
    started.current = true;
    void store.startMany(keys.map(({ instanceId, keyId }) => ({ instanceId, keyId }))).then((o) => {
      setBusy(false);
      if (!o.ok) {
        setCallError(o.error.message);
        return;
      }
      setBatchId(o.value.batchId);
      const notStarted = new Map<string, string>();
      for (const item of o.value.items) {
        if (item.rotation !== undefined) keep(item.rotation);
        if (item.error !== undefined)
          notStarted.set(`${item.instanceId}/${item.keyId}`, item.error.message);
      }
      setRefused(notStarted);
    });
  });

  const viewOf = (k: BulkKey): RotationView | undefined =>
    store.rotations?.find(
      (r) =>
        r.instanceId === k.instanceId &&
        r.oldKey.id === k.keyId &&
        r.batchId !== undefined &&
        (batchId === null ? !before.has(r.id) : r.batchId === batchId),
    );
  const views = keys.map(viewOf);
  const ours = views.filter((v): v is RotationView => v !== undefined);

  async function call(job: () => Promise<Outcome<RotationView>>, id: string) {
    setBusy(true);
    setCallError(null);
    const outcome = await job();
    setBusy(false);
    if (outcome.ok) keep(outcome.value);
    else if (outcome.error.code === 'reauth_required')
      setReauth({ id, reason: outcome.error.message });
    else setCallError(outcome.error.message);
  }

  const toShow = ours.filter((v) => v.canRevoke);
  const next = toShow.find((v) => !revealed.has(v.id));
  const running = batchId === null || ours.some((v) => v.status === 'running');

  async function revokeAll() {
    if (batchId === null) return;
    setBusy(true);
    setCallError(null);
    const outcome = await store.revokeMany(batchId);
    setBusy(false);
    if (outcome.ok) setRevoked(true);
    else setCallError(outcome.error.message);
  }

  return (
    <div className="stack">
      <p ref={status} tabIndex={-1} role="status" className="rotation-status">
        {batchId === null
          ? `Rotating ${countOf(keys.length, 'key')}…`
          : `${countOf(ours.filter((v) => v.status !== 'failed').length, 'key')} rotated so far, ${countOf(ours.filter((v) => v.status === 'failed').length, 'key')} stopped by an error.`}
      </p>
      <ul className="rotation-list" aria-label="Keys in this bulk rotation">
        {keys.map((k, i) => (
          <BulkKeyRow
            key={`${k.instanceId}/${k.keyId}`}
            item={k}
            view={views[i]}
            refused={refused.get(`${k.instanceId}/${k.keyId}`)}
            starting={batchId === null && callError === null}
            busy={busy}
            onRetry={(id) => void call(() => store.resume(id), id)}
            onRollback={(id) => void call(() => store.rollback(id), id)}
            onRetryDelivery={(id, targetIds) =>
              void call(() => store.retryDelivery(id, targetIds), id)
            }
          />
        ))}
      </ul>
      {callError === null ? null : (
        <Alert>
          <p>{callError}</p>
        </Alert>
      )}
      {!running && next !== undefined ? (
        <BulkReveal
          view={next}
          position={toShow.indexOf(next) + 1}
          total={toShow.length}
          ticket={tickets.get(next.id)}
          busy={busy}
          onAskTicket={(id) => void call(() => store.reveal(id), id)}
          onRevealed={(id) => {
            setRevealed((r) => new Set(r).add(id));
            setTickets((t) => {
              const rest = new Map(t);
              rest.delete(id);
              return rest;
            });
          }}
        />
      ) : null}
      {!running && next === undefined && toShow.length > 0 && !revoked ? (
        <BulkRevokeAll views={ours} busy={busy} onRevoke={() => void revokeAll()} />
      ) : null}
      {revoked || (!running && ours.length > 0 && ours.every((v) => !v.unfinished)) ? (
        <BulkSummary views={ours} notStarted={refused.size} />
      ) : null}
      <RevealPasswordDialog
        reason={reauth?.reason ?? null}
        onSubmit={async (password) => {
          if (reauth === null) return null;
          const outcome = await store.reveal(reauth.id, password);
          if (!outcome.ok) return outcome.error.message;
          keep(outcome.value);
          return null;
        }}
        onClose={() => {
          setReauth(null);
        }}
      />
      <div className="row row-end">
        <DialogClose>
          {ours.some((v) => v.unfinished) ? 'Close, the rotations are saved' : 'Close'}
        </DialogClose>
      </div>
    </div>
  );
}
