// The set-up every real-Flowise rotation file shares: one core over the server the suite was
// given, names unique to the run, and clean-ups run in reverse once the file ends.
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, inject } from 'vitest';

import type { FlowiseRest } from '../flowise/flowise-rest.js';
import { flowiseRest } from '../flowise/flowise-rest.js';
import type { RotationCore } from './rotation-fixture.js';
import { startRotationCore } from './rotation-fixture.js';

export interface RealRotationSuite {
  rest: FlowiseRest;
  unique: (what: string) => string;
  cleanups: (() => Promise<unknown>)[];
}

/** Registers the file's beforeAll and afterAll; `started` gets the core once it runs. */
export function realRotationSuite(started: (core: RotationCore) => void): RealRotationSuite {
  const flowise = inject('flowise');
  const cleanups: (() => Promise<unknown>)[] = [];
  let core: RotationCore | undefined;
  beforeAll(async () => {
    core = await startRotationCore({
      url: flowise.url,
      adminKey: flowise.apiKey,
      timeoutMs: 15_000,
    });
    started(core);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await core?.close();
  });
  return {
    rest: flowiseRest(flowise),
    unique: (what) => `fkv-real-${what}-${randomUUID().slice(0, 8)}`,
    cleanups,
  };
}
