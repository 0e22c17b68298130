// `npm run start:web`: the real app in any browser, served on loopback with a fresh token.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { startHarness } from './harness-server.js';

const dataDir = process.env['FKV_DATA_DIR'] ?? join(homedir(), '.flowise-key-vault-web');
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const harness = await startHarness({ dataDir, clock: 'system' });
process.stdout.write(
  `Flowise Key Vault (browser harness) is running.\n` +
    `Data folder: ${dataDir}\nOpen: ${harness.url}\nPress Ctrl+C to stop.\n`,
);
const stop = (): void => {
  void harness.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
