// The header digest and the body's associated data are computed over this form, so that a file
// re-serialized by another tool (different key order or whitespace) still verifies. Keep it stable:
// every future file version promises the same canonical form and SHA-256 digest of its header.
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  const text = JSON.stringify(value) as string | undefined;
  // undefined, functions and symbols have no JSON form; a header never holds them.
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return text;
}
