// The address people paste is often the API's, not the server's: a trailing /api or /api/v1 is
// taken off, the saved instance keeps the root, and the report says what was changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';

let f: CoreFixture;
beforeEach(async () => {
  f = await startCoreWithFlowise();
});
afterEach(async () => {
  await f.close();
});

describe('an address ending in /api or /api/v1', () => {
  it('is tested and saved as the server root, with a note saying so', async () => {
    const { api, flowise } = f;
    for (const suffix of ['/api', '/api/v1', '/api/v1/']) {
      const draft = {
        name: `x${suffix}`,
        baseUrl: `${flowise.url}${suffix}`,
        adminKey: flowise.adminKey,
      };
      const report = await api.instances.testDraft(draft);
      expect(report.ok).toBe(true);
      expect(report.addressNote).toBe(
        `The ${suffix.replace(/\/$/, '')} at the end was removed: the address is the server's root, ${flowise.url}.`,
      );
      expect((await api.instances.add(draft)).baseUrl).toBe(flowise.url);
    }
  });

  it('adds no note to a root address', async () => {
    const { api, flowise } = f;
    const draft = { name: 'root', baseUrl: `${flowise.url}/`, adminKey: flowise.adminKey };
    expect((await api.instances.testDraft(draft)).addressNote).toBeUndefined();
    expect((await api.instances.add(draft)).baseUrl).toBe(flowise.url);
  });
});
