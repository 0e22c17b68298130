// 2.x keeps keys in api.json and rewrites the whole file on every change, from a copy read a
// moment before: two changes at once leave only the later one. The client sends an instance's key
// changes one at a time on that line, so two creates at once both survive.
import { afterEach, describe, expect, it } from 'vitest';

import { flowiseRest } from '../flowise/flowise-rest.js';
import type { CoreFixture } from './core-fixture.js';
import { PASSWORD, startCoreWithFlowise } from './core-fixture.js';

let f: CoreFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const names = (fixture: CoreFixture): string[] =>
  [...fixture.flowise.state.keys.values()].map((k) => k.keyName);

describe('key changes on a 2.x server with api.json storage', () => {
  it('the fake loses one of two creates sent at once, as the real api.json does', async () => {
    f = await startCoreWithFlowise({ generation: '2.0.6-3.0.0', apiJsonRace: true });
    const rest = flowiseRest({ url: f.flowise.url, apiKey: f.flowise.adminKey });
    await Promise.all([rest.createKey('race-a'), rest.createKey('race-b')]);
    const left = names(f).filter((n) => n.startsWith('race-'));
    expect(left).toHaveLength(1);
  });

  it('two creates at once through the app both survive', async () => {
    f = await startCoreWithFlowise({ generation: '2.0.6-3.0.0', apiJsonRace: true });
    const { api, instanceId } = f;
    await Promise.all([
      api.keys.create({ instanceId, keyName: 'deploy-a', permissions: [] }),
      api.keys.create({ instanceId, keyName: 'deploy-b', permissions: [] }),
    ]);
    expect(names(f)).toEqual(expect.arrayContaining(['deploy-a', 'deploy-b']));
  });
});

describe('the server generation the key changes depend on', () => {
  const versionReads = (fixture: CoreFixture): number =>
    fixture.flowise.log.filter((r) => r.method === 'GET' && r.url === '/api/v1/version').length;

  it('is read from /version once per instance and unlock, not before each key change', async () => {
    f = await startCoreWithFlowise();
    const { api, instanceId } = f;
    const before = versionReads(f);
    for (const keyName of ['once-a', 'once-b', 'once-c'])
      await api.keys.create({ instanceId, keyName, permissions: ['chatflows:view'] });
    expect(versionReads(f) - before).toBeLessThanOrEqual(1);

    // A lock forgets it: the server may have been upgraded meanwhile.
    await api.vault.lock();
    await api.vault.unlock({ password: PASSWORD });
    const unlocked = versionReads(f);
    await api.keys.create({ instanceId, keyName: 'once-d', permissions: ['chatflows:view'] });
    await api.keys.create({ instanceId, keyName: 'once-e', permissions: ['chatflows:view'] });
    expect(versionReads(f) - unlocked).toBe(1);
  });
});
