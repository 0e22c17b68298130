// `npx tsx test/flowise/start.ts`: a real Flowise for a developer's shell, like start.sh. stdout
// carries only eval-able lines, the key among them, because the developer asked for it; progress
// goes to stderr. The FKV_FLOWISE_* lines make npm test and the suites use this server. Ctrl+C
// stops the server and deletes its data.
// FKV_FLOWISE_VERSION picks the release (default 3.1.4), FKV_FLOWISE_APIKEY_STORAGE the 2.x key
// storage (json or db).
// `--install-only`: install into the cache folder (CI does this before the suites).
import { installFlowise, startFlowise } from './flowise-server.js';
import { pickTarget, targetToEnv } from './flowise-target.js';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--install-only');
if (unknown.length > 0) {
  process.stderr.write(`usage: start.ts [--install-only]\n(unknown: ${unknown.join(' ')})\n`);
  process.exit(2);
}

const quoted = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

if (args.includes('--install-only')) {
  const install = await installFlowise();
  process.stderr.write(`[flowise] flowise ${install.version} is installed in ${install.dir}\n`);
} else {
  process.stderr.write('[flowise] starting…\n');
  const server = await startFlowise();
  const lines = {
    FLOWISE_URL: server.url,
    FLOWISE_API_KEY: server.apiKey,
    FLOWISE_API_KEY_ID: server.apiKeyId,
    FLOWISE_ADMIN_EMAIL: server.adminEmail,
    FLOWISE_ADMIN_PASSWORD: server.adminPassword,
    ...targetToEnv(pickTarget(server)),
  };
  const text = Object.entries(lines).map(([name, value]) => `export ${name}=${quoted(value)}\n`);
  process.stdout.write(text.join(''));
  process.stderr.write('[flowise] running; Ctrl+C stops it and deletes its data folder\n');
  const stop = (): void => {
    void server.stop().then(() => {
      process.stderr.write('[flowise] stopped\n');
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
