// The older Flowise releases the keys and rotation specs run against, each in its own Playwright
// project (playwright.config.ts); every spec also runs against the run's own 3.1.4.
// FKV_E2E_OLDER_VERSIONS (comma-separated, may be empty) narrows the list: npm test's runner
// (test/run-tests.ts) runs each release's project in that release's own step, against the server
// it has already started, so no server is started twice.
const ALL = ['3.0.12', '2.2.8'];

function chosen(list: string | undefined): readonly string[] {
  if (list === undefined) return ALL;
  const wanted = list.split(',').map((version) => version.trim());
  return ALL.filter((version) => wanted.includes(version));
}

export const E2E_OLDER_VERSIONS = chosen(process.env['FKV_E2E_OLDER_VERSIONS']);
