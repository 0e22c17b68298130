// Searching and describing the credential list: words match names and type labels, dates are the
// person's own locale, and usage reads as a sentence.
import type { CredentialList, CredentialSummary } from '../../../common/ipc/schemas/credentials.js';

/** Every word of the query appears in one of the texts (case-insensitive). */
export function matchesWords(query: string, ...texts: string[]): boolean {
  const haystack = texts.join(' ').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export function filterCredentials(
  credentials: readonly CredentialSummary[],
  query: string,
  typeName: string,
): CredentialSummary[] {
  return credentials.filter(
    (c) =>
      (typeName === '' || c.credentialName === typeName) &&
      matchesWords(query, c.name, c.typeLabel, c.credentialName),
  );
}

/** The types present in the list, for the type filter, sorted by label. */
export function typesInList(
  credentials: readonly CredentialSummary[],
): { value: string; label: string }[] {
  const byName = new Map(credentials.map((c) => [c.credentialName, c.typeLabel]));
  return [...byName]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export function formatDate(at: number | undefined): string {
  if (at === undefined) return 'unknown';
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Used by "A" and "B"", or why usage is not known. */
export function usageSentence(
  credential: CredentialSummary,
  usage: CredentialList['usage'],
): string {
  if (!usage.checked) return 'Which flows use it could not be checked.';
  const names = credential.usedBy.map((f) => `"${f.name}"`);
  if (names.length === 0) return 'No flow uses it.';
  const last = names.pop() ?? '';
  return `Used by ${names.length === 0 ? last : `${names.join(', ')} and ${last}`}.`;
}
