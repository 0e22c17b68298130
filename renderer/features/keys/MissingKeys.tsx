// Keys the vault had seen that the server no longer lists (Flowise 2.x with api.json storage can
// lose them on a restart), each with since when, why, the flows still bound to it, and the way
// back: "Re-import" when the vault holds its value, or why it cannot be restored. "Forget" stops
// reporting one.
import { useState } from 'react';

import type { MissingKey } from '../../../common/ipc/schemas/keys.js';
import { countOf, plural } from '../../../common/words.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';

function boundWords(key: MissingKey): string {
  const n = key.boundFlows.length;
  if (n === 0) return 'No flow is bound to it now.';
  return `${countOf(n, 'flow')} ${plural(n, 'is', 'are')} still bound to it: ${key.boundFlows.map((f) => f.name).join(', ')}. ${plural(n, 'It answers', 'They answer')} 401 until the key is back.`;
}

export function MissingKeys() {
  const missing = useKeysStore((s) => s.missing);
  const reimport = useKeysStore((s) => s.reimport);
  const forget = useKeysStore((s) => s.forgetMissing);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (missing === null || missing.length === 0) return null;

  async function act(
    keyId: string,
    job: () => Promise<{ ok: boolean; error?: { message: string } }>,
  ) {
    setBusy(keyId);
    setFailure(null);
    const outcome = await job();
    setBusy(null);
    if (!outcome.ok) setFailure(outcome.error?.message ?? 'The server refused.');
  }

  return (
    <section className="notice stack" aria-label="Keys missing from the server">
      <h2>{`${countOf(missing.length, 'key')} missing from the server`}</h2>
      {failure === null ? null : (
        <Alert>
          <p>{failure}</p>
        </Alert>
      )}
      <ul className="stack">
        {missing.map((key) => (
          <li key={key.id} aria-label={key.keyName}>
            <p>
              <strong>{key.keyName}</strong>{' '}
              {key.masked === undefined ? null : <span className="muted small">{key.masked}</span>}
            </p>
            <p>
              Missing from the server since {new Date(key.missingSince).toLocaleString()}. {key.why}
            </p>
            <p>{boundWords(key)}</p>
            <p className="muted small">{key.restoreNote}</p>
            <div className="row row-end">
              <Button
                disabled={busy !== null}
                onClick={() => void act(key.id, () => forget(key.id))}
              >
                Forget <span className="visually-hidden">{key.keyName}</span>
              </Button>
              {key.restorable ? (
                <Button
                  variant="primary"
                  disabled={busy !== null}
                  onClick={() => void act(key.id, () => reimport(key.id))}
                >
                  {busy === key.id ? 'Re-importing…' : 'Re-import'}{' '}
                  <span className="visually-hidden">{key.keyName}</span>
                </Button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
