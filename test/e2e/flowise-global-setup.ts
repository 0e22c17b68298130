// Playwright's global setup: one real Flowise server for the whole e2e run, handed to the workers
// through FKV_FLOWISE_* (they start after this) and to specs through the `flowise` fixture. A
// server already named by those variables (npm test's runner starts one) is used as is.
import { startFlowise } from '../flowise/flowise-server.js';
import { pickTarget, targetFromEnv, targetToEnv } from '../flowise/flowise-target.js';

// Playwright loads a global setup by its default export; the function it returns is the teardown.
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (targetFromEnv() !== undefined) return () => Promise.resolve();
  const server = await startFlowise();
  Object.assign(process.env, targetToEnv(pickTarget(server)));
  return () => server.stop();
}
