// Counts next to nouns and ages in words, for the renderer and for the core's messages alike:
// "1 flow uses", "2 flows use", "1 minute ago". English only, like the rest of the app's words.
const rules = new Intl.PluralRules('en');
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** The form of a word that agrees with `count`: `plural(1, 'uses', 'use')` is "uses". */
export function plural(count: number, one: string, other = `${one}s`): string {
  return rules.select(count) === 'one' ? one : other;
}

/** The count and its noun: "1 flow", "3 flows", "2 entries" (with `other` given). */
export function countOf(count: number, one: string, other?: string): string {
  return `${String(count)} ${plural(count, one, other)}`;
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** How long ago `then` was, in the largest whole unit: "5 minutes ago", "yesterday", "now". */
export function ageWords(then: number, now: number): string {
  const elapsed = now - then;
  for (const [unit, size] of UNITS) {
    const whole = Math.floor(Math.abs(elapsed) / size);
    if (whole >= 1) return relative.format(elapsed >= 0 ? -whole : whole, unit);
  }
  return relative.format(0, 'second');
}
