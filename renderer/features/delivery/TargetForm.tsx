// One delivery target's form: where the new key goes (a .env file, or a command run without a
// shell), an optional check, and for a command its rollback command and whether it may run twice.
// Each field says what is wrong once Save was pressed; the master password is asked on save.
import { useState } from 'react';

import type { TargetDraft } from '../../../common/ipc/schemas/delivery.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { CheckboxField, Field } from '../../ui/Field.js';
import { RadioGroup } from '../../ui/RadioGroup.js';
import { SelectField } from '../../ui/SelectField.js';
import { TextAreaField } from '../../ui/TextAreaField.js';
import type { TargetFields } from './target-fields.js';
import { draftOf, fieldErrors } from './target-fields.js';

export interface TargetFormProps {
  initial: TargetFields;
  /** "Add" or "Save": the submit button's first word. */
  submitLabel: string;
  busy: boolean;
  failure: string | null;
  onBack: () => void;
  onSubmit: (draft: TargetDraft) => void;
}

const WORDS_HINT =
  'One word per line: the program first, then each argument exactly as it is passed (no shell, no quoting). A line with only | starts the next program, which reads the previous one’s output.';

export function TargetForm({
  initial,
  submitLabel,
  busy,
  failure,
  onBack,
  onSubmit,
}: TargetFormProps) {
  const [fields, setFields] = useState(initial);
  const [tried, setTried] = useState(false);
  const errors = tried ? fieldErrors(fields) : {};
  const set =
    <K extends keyof TargetFields>(name: K) =>
    (value: TargetFields[K]) => {
      setFields((current) => ({ ...current, [name]: value }));
    };
  const hasCommand = fields.kind === 'command' || fields.checkKind === 'command';
  const invalid = tried && draftOf(fields) === null;

  return (
    <form
      className="stack"
      aria-label="Delivery target"
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        const draft = draftOf(fields);
        if (draft !== null) onSubmit(draft);
      }}
    >
      {failure === null ? null : (
        <Alert>
          <p>{failure}</p>
        </Alert>
      )}
      {invalid && Object.keys(errors).length === 0 ? (
        <Alert>
          <p>Something in this target cannot be saved: an argument may be too long.</p>
        </Alert>
      ) : null}
      <Field
        label="Name"
        value={fields.label}
        onValueChange={set('label')}
        hint="For you: the app or place that receives the key."
        error={errors.label}
      />
      <RadioGroup
        legend="Where the new key goes"
        name="target-kind"
        options={[
          { value: 'env-file', label: 'A .env file' },
          { value: 'command', label: 'A command (a secret store, a platform’s CLI)' },
        ]}
        value={fields.kind}
        onValueChange={set('kind')}
      />
      {fields.kind === 'env-file' ? (
        <>
          <Field
            label="File path"
            value={fields.envPath}
            onValueChange={set('envPath')}
            hint="The full path. The file must exist; every other line stays as it is."
            error={errors.envPath}
          />
          <Field
            label="Variable name"
            value={fields.envName}
            onValueChange={set('envName')}
            error={errors.envName}
          />
          <Field
            label="Backup suffix"
            value={fields.backupSuffix}
            onValueChange={set('backupSuffix')}
            hint="The previous version is kept next to the file, as its name plus this (.bak when empty)."
            error={errors.backupSuffix}
          />
        </>
      ) : (
        <>
          <TextAreaField
            label="Command"
            rows={4}
            className="mono"
            value={fields.command}
            onValueChange={set('command')}
            hint={WORDS_HINT}
            error={errors.command}
          />
          <CheckboxField
            label="Idempotent: safe to run twice with the same key"
            checked={fields.idempotent}
            onCheckedChange={set('idempotent')}
            hint="If the app stops while it runs, an idempotent command is run again on resume; any other waits for you to retry it."
          />
          <TextAreaField
            label="Rollback command (optional)"
            rows={3}
            className="mono"
            value={fields.rollback}
            onValueChange={set('rollback')}
            hint="Run on rollback with the old key, to put the target back. Empty: the target is left as it is."
            error={errors.rollback}
          />
        </>
      )}
      <RadioGroup
        legend="Check after delivery"
        name="target-check"
        options={[
          { value: 'none', label: 'No check' },
          { value: 'http', label: 'An HTTP request with the new key as Bearer' },
          { value: 'command', label: 'A command that exits with 0 when the app works' },
        ]}
        value={fields.checkKind}
        onValueChange={set('checkKind')}
      />
      {fields.checkKind === 'http' ? (
        <>
          <SelectField
            label="Method"
            value={fields.checkMethod}
            options={[
              { value: 'GET', label: 'GET' },
              { value: 'POST', label: 'POST' },
            ]}
            onValueChange={(value) => {
              set('checkMethod')(value === 'POST' ? 'POST' : 'GET');
            }}
          />
          <Field
            label="Check address"
            value={fields.checkUrl}
            onValueChange={set('checkUrl')}
            hint="The key is sent to this address only. Plain http only to this computer."
            error={errors.checkUrl}
          />
          <Field
            label="Expected status"
            inputMode="numeric"
            value={fields.checkStatus}
            onValueChange={set('checkStatus')}
            error={errors.checkStatus}
          />
        </>
      ) : fields.checkKind === 'command' ? (
        <TextAreaField
          label="Check command"
          rows={3}
          className="mono"
          value={fields.checkCommand}
          onValueChange={set('checkCommand')}
          hint={WORDS_HINT}
          error={errors.checkCommand}
        />
      ) : null}
      {hasCommand ? (
        <>
          <RadioGroup
            legend="How the key reaches each command"
            name="target-key-input"
            options={[
              { value: 'stdin', label: 'On its standard input' },
              { value: 'env', label: 'In an environment variable' },
            ]}
            value={fields.keyVia}
            onValueChange={set('keyVia')}
          />
          {fields.keyVia === 'env' ? (
            <Field
              label="Variable for the key"
              value={fields.keyEnvName}
              onValueChange={set('keyEnvName')}
              error={errors.keyEnvName}
            />
          ) : null}
          <Field
            label="Time limit in seconds"
            inputMode="numeric"
            value={fields.timeoutSeconds}
            onValueChange={set('timeoutSeconds')}
            error={errors.timeoutSeconds}
          />
          <p className="muted small">
            Never in the arguments: the app refuses a command that would show the key to other
            programs. Before each run, the app asks you in its own window, showing exactly what will
            run.
          </p>
        </>
      ) : null}
      <div className="row row-end">
        <Button onClick={onBack}>Back to the targets</Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
