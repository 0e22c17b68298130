// Reads the test names SECURITY.md quotes after a link, and the titles a test file declares, so the
// security-md test can check that each quoted name is a real test.

export interface NamedTest {
  file: string;
  name: string;
}

const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** `[path](path.test.ts) ("name one", "name two…")`: each quoted name, with the file it names. */
export function namedTests(markdown: string): NamedTest[] {
  const out: NamedTest[] = [];
  const link = /\]\(([^)#\s]+\.(?:test|spec)\.tsx?)\)\s*\(((?:"[^"]*"[\s,]*)+)\)/g;
  for (const match of markdown.matchAll(link)) {
    const file = match[1] ?? '';
    for (const quoted of (match[2] ?? '').matchAll(/"([^"]*)"/g))
      out.push({ file, name: fold(quoted[1] ?? '') });
  }
  return out;
}

/** The first argument of every describe/it/test call whose title is a string literal. */
export function testTitles(source: string): string[] {
  const call =
    /\b(?:describe|it|test)(?:\.(?:each\([^)]*\)|skipIf\([^)]*\)|runIf\([^)]*\)|concurrent|sequential))*\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g;
  return [...source.matchAll(call)].map((m) => fold((m[2] ?? '').replace(/\\(.)/g, '$1')));
}
