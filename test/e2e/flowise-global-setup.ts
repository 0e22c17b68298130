// Playwright's global setup: one real Flowise server per release the projects need, handed to the
// workers through FKV_FLOWISE_* (the run's own, 3.1.4) and FKV_FLOWISE_<version>_* (the older
// releases of the per-version projects, E2E_OLDER_VERSIONS), and to specs through the `flowise`
// fixture. A server already named by those variables (npm test's runner starts one) is used as is.
import type { RunningFlowise } from '../flowise/flowise-server.js';
import { startFlowise } from '../flowise/flowise-server.js';
import { pickTarget, targetFromEnv, targetToEnv } from '../flowise/flowise-target.js';
import { E2E_OLDER_VERSIONS } from './flowise-versions.js';

// Playwright loads a global setup by its default export; the function it returns is the teardown.
export default async function globalSetup(): Promise<() => Promise<void>> {
  const started: RunningFlowise[] = [];
  const stopAll = async (): Promise<void> => {
    for (const server of started.splice(0)) await server.stop();
  };
  try {
    if (targetFromEnv() === undefined) {
      const server = await startFlowise();
      started.push(server);
      Object.assign(process.env, targetToEnv(pickTarget(server)));
    }
    for (const version of E2E_OLDER_VERSIONS) {
      if (targetFromEnv(process.env, version) !== undefined) continue;
      const server = await startFlowise({ version });
      started.push(server);
      Object.assign(process.env, targetToEnv(pickTarget(server), version));
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
