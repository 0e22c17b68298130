import { describe, expect, it } from 'vitest';

import { namedTests, testTitles } from './test-names.js';

describe('test names in SECURITY.md', () => {
  it('reads each quoted name after a link to a test file, folding line breaks', () => {
    const md =
      '| x | [a.test.ts](a.test.ts) ("one", "two\n  lines")<br>[b.spec.ts](b.spec.ts) ("three…") |\n' +
      '[c.ts](c.ts) ("not a test file")';
    expect(namedTests(md)).toEqual([
      { file: 'a.test.ts', name: 'one' },
      { file: 'a.test.ts', name: 'two lines' },
      { file: 'b.spec.ts', name: 'three…' },
    ]);
  });

  it('reads the titles of describe, it, test and their each forms, in any quote', () => {
    const source = [
      "describe('suite', () => {",
      '  it("double \\"quoted\\"", () => {});',
      "  it.each(['a', 'b'])('%s: each', () => {});",
      '  test(`template ${x}`, () => {});',
      '});',
    ].join('\n');
    expect(testTitles(source)).toEqual(['suite', 'double "quoted"', '%s: each', 'template ${x}']);
  });
});
