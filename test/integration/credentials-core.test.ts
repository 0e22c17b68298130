// credentials.* as createCore wires it: through the contract to the instance saved in the vault,
// with every change in the core's own audit log under the credential's name and never a value.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';

const SECRET = 'sk-core-wired-SECRET-0123456789abcdef';
const ROTATED = 'sk-core-wired-ROTATED-9876543210zyxw';

let f: CoreFixture;
beforeEach(async () => {
  f = await startCoreWithFlowise();
});
afterEach(async () => {
  await f.close();
});

describe('credentials through createCore', () => {
  it('creates, renames, rotates and deletes on the saved instance, auditing names only', async () => {
    const { instanceId } = f;
    const created = await f.api.credentials.create({
      instanceId,
      credentialName: 'openAIApi',
      name: 'Main OpenAI',
      data: { openAIApiKey: SECRET },
    });
    expect(created).toMatchObject({ name: 'Main OpenAI', typeLabel: 'OpenAI API', usedBy: [] });

    await f.api.credentials.update({ instanceId, id: created.id, name: 'Main renamed' });
    const form = await f.api.credentials.get({ instanceId, id: created.id });
    expect(form.fields['openAIApiKey']).toEqual({ kind: 'secret', set: true });

    const plan = await f.api.credentials.rotatePlan({
      instanceId,
      id: created.id,
      field: 'openAIApiKey',
    });
    await f.api.credentials.rotate({
      instanceId,
      id: created.id,
      field: 'openAIApiKey',
      value: ROTATED,
      reviewedFlowIds: plan.credential.usedBy.map((flow) => flow.id),
    });
    await f.api.credentials.delete({ instanceId, id: created.id });
    const listed = await f.api.credentials.list({ instanceId });
    expect(listed.credentials.map((c) => c.id)).not.toContain(created.id);

    const { records } = await f.api.audit.list({ instanceId });
    const credentialRecords = records.filter((r) => r.action.startsWith('credential.'));
    expect(credentialRecords.map((r) => [r.action, r.subject?.name, r.outcome]).reverse()).toEqual([
      ['credential.create', 'Main OpenAI', 'ok'],
      ['credential.update', 'Main renamed', 'ok'],
      ['credential.update', 'Main renamed', 'ok'],
      ['credential.delete', 'Main renamed', 'ok'],
    ]);
    const everything = JSON.stringify({
      audit: f.core.audit.export().json,
      logs: f.logger.lines,
      events: f.events.events,
    });
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(ROTATED);
  });
});
