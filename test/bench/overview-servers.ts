// The Overview bench's servers, in a process of their own so that the fakes' work is not counted
// against the app's, as real servers run elsewhere. Prints one JSON line with each fake's address
// and admin key, then serves until it is sent SIGTERM.
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';

const count = Number(process.argv[2] ?? '20');
const latencyMs = Number(process.argv[3] ?? '5');
const seed = { keys: 500, chatflows: 1000, credentials: 200 };

const servers: FakeFlowise[] = [];
for (let i = 0; i < count; i += 1) {
  const server = await startFakeFlowise({ seed, cacheAnswers: true });
  server.fault({ path: /.*/, latencyMs });
  servers.push(server);
}
process.stdout.write(
  `${JSON.stringify(servers.map((s) => ({ url: s.url, adminKey: s.adminKey })))}\n`,
);
process.on('SIGTERM', () => {
  void Promise.all(servers.map((s) => s.close())).then(() => process.exit(0));
});
