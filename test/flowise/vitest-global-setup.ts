// Global setup of the `flowise` Vitest project: one real server for every *.real.test.ts file,
// reached in tests through inject('flowise'). A server named by FKV_FLOWISE_* (npm test's runner
// starts one for all suites) is used as is and left running.
import type { TestProject } from 'vitest/node';

import type { RunningFlowise } from './flowise-server.js';
import { startFlowise } from './flowise-server.js';
import { knownFlowise, targetFromEnv } from './flowise-target.js';

let started: RunningFlowise | undefined;

export async function setup(project: TestProject): Promise<void> {
  const target = targetFromEnv();
  if (target !== undefined) {
    project.provide('flowise', await knownFlowise(target));
    return;
  }
  started = await startFlowise();
  project.provide('flowise', await knownFlowise(started));
}

export async function teardown(): Promise<void> {
  await started?.stop();
  started = undefined;
}
