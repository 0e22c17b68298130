// A small, dependency-free estimate of how hard a password is to guess. For the master password it
// is a hint for people (main enforces only a minimum length); a backup's passphrase must reach
// BACKUP_MIN_SCORE, checked in main as well (main/core/backup/backup-export.ts), since the file
// leaves this machine and can be attacked offline for as long as anyone likes.

export type StrengthLabel = 'weak' | 'fair' | 'good' | 'strong';

export interface Strength {
  /** 0 weak, 1 fair, 2 good, 3 strong. */
  readonly score: 0 | 1 | 2 | 3;
  readonly label: StrengthLabel;
  /** One short sentence on how to do better, or a word of reassurance. */
  readonly tip: string;
}

export const MIN_PASSWORD_LENGTH = 8;

/** The score a backup's passphrase needs: "good" or better. */
export const BACKUP_MIN_SCORE = 2;

const LABELS: readonly StrengthLabel[] = ['weak', 'fair', 'good', 'strong'];

// A tiny sample of the passwords that top every leaked-password list, lower-case and un-leeted.
const COMMON = new Set([
  '123456',
  '12345678',
  '123456789',
  '1234567890',
  '111111',
  '000000',
  'abc123',
  'admin',
  'baseball',
  'dragon',
  'football',
  'freedom',
  'iloveyou',
  'letmein',
  'login',
  'master',
  'monkey',
  'passphrase',
  'password',
  'princess',
  'qwerty',
  'qwertyuiop',
  'secret',
  'shadow',
  'sunshine',
  'superman',
  'trustno1',
  'welcome',
  'whatever',
  'flowise',
]);

const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/** True for a password that is, or barely decorates, a very common one. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase().trim();
  if (COMMON.has(lower)) return true;
  const unleeted = Array.from(lower, (ch) => LEET[ch] ?? ch).join('');
  // "Password123!", "!!welcome2024": strip the digits and symbols people bolt on at either end.
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  return COMMON.has(unleeted) || (core.length > 0 && COMMON.has(core));
}

/**
 * Length that counts only characters that add something: a repeat of the previous character
 * or the next step of a run like "abcd" or "4321" counts for nothing, and a password that is one
 * chunk of two or more characters repeated ("abcabcabc") counts as that chunk plus one.
 */
export function effectiveLength(password: string): number {
  const chars = Array.from(password);
  const repeated = /^(.{2,}?)\1+$/su.exec(password);
  let length = 0;
  for (let i = 0; i < chars.length; i++) {
    const code = chars[i]?.codePointAt(0) ?? 0;
    const prev = chars[i - 1]?.codePointAt(0);
    const prev2 = chars[i - 2]?.codePointAt(0);
    if (prev === code) continue;
    if (prev !== undefined && prev2 !== undefined) {
      const step = code - prev;
      if (Math.abs(step) === 1 && prev - prev2 === step) continue;
    }
    length++;
  }
  return repeated?.[1] === undefined ? length : Math.min(length, effectiveLength(repeated[1]) + 1);
}

/** How many symbols an attacker has to try per position, from the classes present. */
function poolSize(password: string): number {
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/[0-9]/.test(password)) pool += 10;
  if (/[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(password)) pool += 33;
  if (/[^\x20-\x7e]/u.test(password)) pool += 100;
  return Math.max(pool, 1);
}

function result(score: Strength['score'], tip: string): Strength {
  return { score, label: LABELS[score] ?? 'weak', tip };
}

export function estimateStrength(password: string): Strength {
  const length = Array.from(password).length;
  if (length === 0) return result(0, 'Enter a password.');
  if (isCommonPassword(password))
    return result(0, 'This is one of the most common passwords. Choose something of your own.');
  if (length < MIN_PASSWORD_LENGTH)
    return result(0, `Use at least ${MIN_PASSWORD_LENGTH} characters; 14 or more is better.`);

  const effective = effectiveLength(password);
  const bits = effective * Math.log2(poolSize(password));
  const patterned = effective < length * 0.6;

  if (bits < 40 || effective < MIN_PASSWORD_LENGTH - 2)
    return result(
      0,
      patterned
        ? 'Avoid repeated characters and runs like "abcd" or "1234".'
        : 'Make it longer: a few unrelated words work well.',
    );
  if (bits < 60) return result(1, 'Add another word or a few more characters.');
  if (bits < 80) return result(2, 'Good. A longer passphrase would be stronger still.');
  return result(3, 'Hard to guess. Keep it somewhere only you can find.');
}
