// The Overview store on the real core: each instance's part arrives before the whole report, a
// fix drops its finding, the badges' index follows, and a lock empties it all.
import { describe, expect, it } from 'vitest';

import { createTestCore } from '../testing/test-core.js';
import { createOverviewStore, subjectKey } from './overview-store.js';

async function withTwoInstances() {
  const fake = await createTestCore({
    instances: [
      { name: 'Prod', baseUrl: 'https://prod.example.com' },
      { name: 'Lab', baseUrl: 'https://lab.example.com' },
    ],
  });
  const [prod, lab] = fake.instances;
  if (prod === undefined || lab === undefined) throw new Error('No instances seeded.');
  (await fake.serverOf(prod.id)).addChatflow('widget');
  (await fake.serverOf(lab.id)).addKey('spare', ['chatflows:view']);
  const store = createOverviewStore(fake.api);
  const disconnect = store.getState().connect();
  return { fake, store, disconnect, prod, lab };
}

describe('createOverviewStore', () => {
  it('fills in each instance as its part arrives, before the whole report', async () => {
    const { store, prod, lab, disconnect } = await withTwoInstances();
    const seen: string[][] = [];
    const stop = store.subscribe((state) => {
      if (state.running)
        seen.push(state.instances.filter((i) => i.state === 'ok').map((i) => i.name));
    });
    await store.getState().refresh();
    stop();
    expect(seen.some((names) => names.length === 1)).toBe(true);
    const { instances, findings, running } = store.getState();
    expect(running).toBe(false);
    expect(instances.map((i) => [i.name, i.state])).toEqual([
      ['Prod', 'ok'],
      ['Lab', 'ok'],
    ]);
    const widget = findings?.find((f) => f.subject.name === 'widget');
    expect(widget?.instanceId).toBe(prod.id);
    const spare = findings?.find((f) => f.subject.name === 'spare');
    expect(spare?.instanceId).toBe(lab.id);
    disconnect();
  });

  it('drops a finding fixed from the page, with its badge, and empties on lock', async () => {
    const { fake, store, prod, disconnect } = await withTwoInstances();
    await store.getState().load();
    const widget = store.getState().findings?.find((f) => f.subject.name === 'widget');
    if (widget === undefined) throw new Error('no finding for the public flow');
    expect(store.getState().bySubject.get(subjectKey(prod.id, widget.subject.id))).toHaveLength(1);
    const outcome = await store.getState().markPublic(widget);
    expect(outcome.ok).toBe(true);
    expect(store.getState().findings?.some((f) => f.id === widget.id)).toBe(false);
    expect(store.getState().bySubject.get(subjectKey(prod.id, widget.subject.id))).toBeUndefined();
    await store.getState().refresh();
    expect(store.getState().findings?.some((f) => f.id === widget.id)).toBe(false);
    fake.lockFromMain('idle');
    expect(store.getState().findings).toBeNull();
    expect(store.getState().instances).toEqual([]);
    disconnect();
  });
});
