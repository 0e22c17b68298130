// A new master password, typed twice, with the strength hint and the problems of
// newPasswordProblems: the same two fields wherever a vault gets a new master password.
import { Field } from '../../ui/Field.js';
import { newPasswordProblems } from './new-password-problems.js';
import { StrengthHint } from './StrengthHint.js';

export interface NewPasswordFieldsProps {
  password: string;
  confirm: string;
  onPasswordChange: (password: string) => void;
  onConfirmChange: (confirm: string) => void;
  /** Once the person tried to submit: every problem shows, not only those typed so far. */
  strict: boolean;
}

export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const problems = newPasswordProblems(props.password, props.confirm, props.strict);
  return (
    <>
      <Field
        label="New master password"
        type="password"
        autoComplete="new-password"
        value={props.password}
        onValueChange={props.onPasswordChange}
        hint={<StrengthHint password={props.password} />}
        error={problems.password}
      />
      <Field
        label="Confirm new master password"
        type="password"
        autoComplete="new-password"
        value={props.confirm}
        onValueChange={props.onConfirmChange}
        error={problems.confirm}
      />
    </>
  );
}
