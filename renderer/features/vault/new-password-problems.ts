// What is wrong with a new master password and its confirmation, in the words every form uses.
// `strict` once the person tried to submit; before that an empty field, or a confirmation still
// being typed that matches so far, says nothing yet.
import { MIN_PASSWORD_LENGTH } from '../../../common/password-strength.js';

export interface NewPasswordProblems {
  password: string | null;
  confirm: string | null;
}

export function newPasswordProblems(
  password: string,
  confirm: string,
  strict: boolean,
): NewPasswordProblems {
  const length = Array.from(password).length;
  const tooShort = (strict || length > 0) && length < MIN_PASSWORD_LENGTH;
  const mismatch =
    (strict || confirm !== '') &&
    confirm !== password &&
    !(!strict && password.startsWith(confirm));
  return {
    password: tooShort ? `Use at least ${String(MIN_PASSWORD_LENGTH)} characters.` : null,
    confirm: mismatch ? 'The passwords do not match.' : null,
  };
}
