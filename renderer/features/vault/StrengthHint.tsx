import { estimateStrength } from '../../../common/password-strength.js';

/** A polite live region: "Strength: fair. Add another word or a few more characters." */
export function StrengthHint({ password, id }: { password: string; id?: string }) {
  const strength = estimateStrength(password);
  return (
    <p id={id} role="status" className={`strength strength-${strength.label}`}>
      {password === '' ? '' : `Strength: ${strength.label}. ${strength.tip}`}
    </p>
  );
}
