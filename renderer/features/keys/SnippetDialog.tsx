// The flow's API call in curl, Python and JavaScript, as in Flowise's API dialog. The screen shows
// a placeholder for the key; only the copy, made by main, carries it.
import { useEffect, useState } from 'react';

import type { Chatflow } from '../../../common/ipc/schemas/keys.js';
import type { SnippetLanguage } from '../../stores/keys-store.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';
import { Tabs } from '../../ui/Tabs.js';
import { useGuardedCopy } from './use-guarded-copy.js';

const LANGUAGES: readonly { id: SnippetLanguage; label: string }[] = [
  { id: 'curl', label: 'curl' },
  { id: 'python', label: 'Python' },
  { id: 'javascript', label: 'JavaScript' },
];

export function SnippetDialog({
  flow,
  onClose,
}: {
  flow: Chatflow | undefined;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={flow !== undefined}
      onClose={onClose}
      wide
      title={`API code for ${flow?.name ?? ''}`}
      description="The key is left out on screen. Copy puts the full code, key included, on the clipboard for a short while."
    >
      {flow === undefined ? null : <SnippetBody flow={flow} />}
    </Dialog>
  );
}

type Loaded = { code: string; hasKey: boolean } | { error: string } | null;
type LoadedFor = { language: SnippetLanguage; loaded: Loaded };

function SnippetBody({ flow }: { flow: Chatflow }) {
  const snippet = useKeysStore((s) => s.snippet);
  const copySnippet = useKeysStore((s) => s.copySnippet);
  const guarded = useGuardedCopy();
  const [language, setLanguage] = useState<SnippetLanguage>('curl');
  const [answer, setAnswer] = useState<LoadedFor | null>(null);
  const loaded = answer?.language === language ? answer.loaded : null;

  useEffect(() => {
    let current = true;
    void snippet(flow.id, language).then((outcome) => {
      if (current)
        setAnswer({
          language,
          loaded: outcome.ok ? outcome.value : { error: outcome.error.message },
        });
    });
    return () => {
      current = false;
    };
  }, [snippet, flow.id, language]);

  const label = LANGUAGES.find((l) => l.id === language)?.label ?? language;
  return (
    <>
      <Tabs label="Language" tabs={LANGUAGES} selected={language} onSelect={setLanguage}>
        {loaded === null ? <p className="muted">Loading…</p> : null}
        {loaded !== null && 'error' in loaded ? (
          <Alert>
            <p>{loaded.error}</p>
          </Alert>
        ) : null}
        {loaded !== null && 'code' in loaded ? (
          <>
            <pre className="snippet" data-testid="snippet">
              <code>{loaded.code}</code>
            </pre>
            {loaded.hasKey ? null : (
              <p className="muted small">This flow needs no key: it is public.</p>
            )}
          </>
        ) : null}
      </Tabs>
      {guarded.notes}
      <div className="row row-end">
        <DialogClose>Close</DialogClose>
        <Button
          variant="primary"
          disabled={loaded === null || 'error' in loaded}
          onClick={() =>
            void guarded.copy(`${label} code for ${flow.name}`, (password) =>
              copySnippet(flow.id, language, password),
            )
          }
        >
          Copy code
        </Button>
      </div>
      {guarded.dialog}
    </>
  );
}
