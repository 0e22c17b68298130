// Bulk rotation through the dialog: the key of one name on two instances (the run's real Flowise
// and a fake one), each new key shown once, then every old key revoked together. Each server must
// end with its flow on the new key and the old key gone; no value may stay in the page or logs.
import { randomBytes } from 'node:crypto';

import { startFakeFlowise } from '../fakes/fake-flowise.js';
import { flowiseRest } from '../flowise/flowise-rest.js';
import type { FlowiseServer } from './fixtures.js';
import { expect, test } from './fixtures.js';
import { BulkRotationDialog } from './pages/bulk-rotation-pages.js';
import { InstancesPage } from './pages/instances-pages.js';
import { createVaultAndAddInstance } from './pages/vault-setup-pages.js';

interface KeyRow {
  id: string;
  keyName: string;
  apiKey: string;
}
interface FlowRow {
  id: string;
  apikeyid?: string | null;
}

/** A call to the real Flowise with the run's bootstrap key: the parsed body of a 2xx answer. */
const call = (flowise: FlowiseServer, method: string, path: string, body?: unknown) =>
  flowiseRest(flowise).call(method, path, body);

test('the key of one name is rotated on two instances, then every old key is revoked', async ({
  app,
  flowise,
}) => {
  const keyName = `e2e-bulk-${randomBytes(4).toString('hex')}`;
  const rows = (await call(flowise, 'POST', '/apikey', {
    keyName,
    permissions: ['chatflows:view'],
  })) as KeyRow[];
  const real = rows.find((r) => r.keyName === keyName);
  if (real === undefined) throw new Error('Flowise did not list the new key.');
  const flow = (await call(flowise, 'POST', '/chatflows', {
    name: `${keyName}-flow`,
    type: 'AGENTFLOW',
    flowData: JSON.stringify({ nodes: [], edges: [] }),
  })) as FlowRow;
  await call(flowise, 'PUT', `/chatflows/${flow.id}`, { apikeyid: real.id });
  const fake = await startFakeFlowise();
  const fakeKey = fake.addKey(keyName, ['chatflows:view']);
  const fakeFlow = fake.addChatflow(`${keyName}-flow`, { apikeyid: fakeKey.id });

  try {
    const frame = await createVaultAndAddInstance(app.page, flowise);
    await new InstancesPage(app.page).add({
      name: 'fake',
      baseUrl: fake.url,
      adminKey: fake.adminKey,
    });
    await frame.open('Rotation');

    const bulk = await BulkRotationDialog.open(app.page);
    await bulk.sameNameMode.check();
    await bulk.keyName.selectOption(keyName);
    await bulk.findButton.click();
    await expect(bulk.reviewRow(keyName, 'local')).toContainText('Yes');
    await expect(bulk.reviewRow(keyName, 'fake')).toContainText('Yes');
    await bulk.start('2 keys');

    // One new key at a time, each named with its instance.
    const values = new Map<string, string>();
    for (let i = 0; i < 2; i++) {
      await expect(bulk.newKey).toBeVisible({ timeout: 30_000 });
      const heading = (await bulk.revealHeading.textContent()) ?? '';
      values.set(
        heading.endsWith('on fake') ? 'fake' : 'local',
        (await bulk.newKey.textContent()) ?? '',
      );
      await bulk.storedButton.click();
    }
    expect([...values.keys()].sort()).toEqual(['fake', 'local']);

    // In grace: both flows already answer to their new key; the old keys still exist.
    const listed = (await call(flowise, 'GET', '/apikey')) as KeyRow[];
    const fresh = listed.find((r) => r.apiKey === values.get('local'));
    expect(fresh?.keyName).toMatch(new RegExp(`^${keyName} \\(rotation [a-f0-9]{12}\\)$`));
    expect(((await call(flowise, 'GET', `/chatflows/${flow.id}`)) as FlowRow).apikeyid).toBe(
      fresh?.id,
    );
    expect(listed.map((r) => r.id)).toContain(real.id);

    await bulk.revokeAll();
    await expect(bulk.summary).toContainText('2 keys rotated, old key revoked', {
      timeout: 30_000,
    });
    const after = (await call(flowise, 'GET', '/apikey')) as KeyRow[];
    expect(after.map((r) => r.id)).not.toContain(real.id);
    expect(fake.state.keys.has(fakeKey.id)).toBe(false);
    const fakeFresh = [...fake.state.keys.values()].find((k) => k.apiKey === values.get('fake'));
    expect(fake.state.chatflows.get(fakeFlow.id)?.apikeyid).toBe(fakeFresh?.id);

    await bulk.closeButton.click();
    await expect(app.page.getByRole('list', { name: 'Rotations' })).toContainText(
      'Part of bulk rotation',
    );
    const page = await app.page.content();
    const logs = JSON.stringify(app.harness?.logger.lines ?? []);
    for (const secret of [...values.values(), real.apiKey, fakeKey.apiKey]) {
      expect(page).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  } finally {
    await call(flowise, 'DELETE', `/chatflows/${flow.id}`);
    const left = (await call(flowise, 'GET', '/apikey')) as KeyRow[];
    for (const row of left.filter((r) => r.keyName.startsWith(keyName)))
      await call(flowise, 'DELETE', `/apikey/${row.id}`);
    await fake.close();
  }
});
