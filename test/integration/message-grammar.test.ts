// The core's messages agree counts with nouns: "more than 1 minute ago", never "1 minutes" or
// "flow(s)".
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

describe('counts in core messages', () => {
  it('asks for the password "more than 1 minute ago", in the singular', async () => {
    const { api, instanceId, flowise, clock } = f;
    await api.settings.update({ copyReauthMinutes: 1 });
    clock.advance(2 * 60_000);
    const error = await api.keys.copy({ instanceId, keyId: flowise.adminKeyId }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('more than 1 minute ago');
  });
});
