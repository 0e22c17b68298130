// @vitest-environment jsdom
// The Overview on the real core (createCore on memory ports) against the in-memory fake Flowise:
// what it lists, each one-click fix, the filter, and the badges the Keys and Credentials rows share.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { renderOn, showAppOn } from '../../testing/show-app.js';
import type { MemoryServer } from '../../testing/memory-flowise.js';
import type { TestCoreInit } from '../../testing/test-core.js';
import { createTestCore } from '../../testing/test-core.js';
import { useOverviewStore } from '../../stores/stores-context.js';
import { OVERVIEW_SHOWN_MARK } from './overview-marks.js';

afterEach(cleanup);

/** The app unlocked on "Prod", whose server `seed` fills before the first report. */
async function showOverview(seed: (server: MemoryServer) => void, init: TestCoreInit = {}) {
  const fake = await createTestCore({ instances: [{ name: 'Prod' }], ...init });
  seed(fake.server);
  const shown = await showAppOn(fake);
  await screen.findByRole('list', { name: 'Findings' });
  return { ...shown, server: fake.server };
}

const findings = (): HTMLElement => screen.getByRole('list', { name: 'Findings' });
/** The finding about `subject` whose why mentions `words`. */
const finding = (subject: string, words: RegExp): HTMLElement =>
  within(findings()).getByRole('article', { name: new RegExp(`^${subject}: .*${words.source}`) });
const queryFinding = (subject: string, words: RegExp): HTMLElement | null =>
  within(findings()).queryByRole('article', {
    name: new RegExp(`^${subject}: .*${words.source}`),
  });
const click = (name: string | RegExp, within_: HTMLElement = document.body): void => {
  fireEvent.click(within(within_).getByRole('button', { name }));
};
/** What the progress list says of one instance. */
const progressOf = (name: string): string =>
  within(screen.getByRole('region', { name: 'Instances checked' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent)
    .find((text) => text.startsWith(`${name}:`)) ?? '';
const refresh = async (): Promise<void> => {
  click('Refresh');
  await screen.findByRole('button', { name: 'Refresh' });
};

describe('OverviewPage', () => {
  it('is the first page after unlock: findings grouped by instance and severity, each with why and its fix', async () => {
    await showOverview((server) => {
      server.addChatflow('website widget');
      server.addKey('spare', ['chatflows:view']);
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Overview' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Overview' }).getAttribute('aria-current')).toBe(
      'page',
    );
    const open = finding('website widget', /anyone/i);
    expect(within(open).getByText('High')).toBeTruthy();
    expect(within(open).getByRole('button', { name: 'Bind a key: website widget' })).toBeTruthy();
    expect(
      within(open).getByRole('button', { name: 'Mark public on purpose: website widget' }),
    ).toBeTruthy();
    expect(within(findings()).getByRole('heading', { name: /Prod\s*High/ })).toBeTruthy();
    expect(finding('spare', /./)).toBeTruthy();
    expect(progressOf('Prod')).toBe('Prod: Checked');
  });

  it('marks a public flow public on purpose in one click; after a refresh it stays gone', async () => {
    const { fake } = await showOverview((server) => {
      server.addChatflow('website widget');
    });
    click('Mark public on purpose: website widget');
    await waitFor(() => {
      expect(queryFinding('website widget', /anyone/i)).toBeNull();
    });
    await refresh();
    expect(queryFinding('website widget', /anyone/i)).toBeNull();
    const instanceId = fake.instances[0]?.id ?? '';
    expect(await fake.api.chatflows.publicOnPurpose({ instanceId })).toHaveLength(1);
  });

  it('binds a key to a flow whose key was deleted, through the bind dialog', async () => {
    const { server } = await showOverview((s) => {
      const gone = s.addKey('gone');
      s.addChatflow('locked out', { apikeyid: gone.id });
      s.addKey('deploy', ['chatflows:view']);
      s.state.keys.delete(gone.id);
    });
    click('Bind an existing key: locked out');
    const dialog = await screen.findByRole('dialog', { name: 'Key for locked out' });
    fireEvent.click(within(dialog).getByRole('radio', { name: /deploy/ }));
    click('Save', dialog);
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    const flow = [...server.state.chatflows.values()].find((c) => c.name === 'locked out');
    expect(flow?.apikeyid).toBe(server.keyNamed('deploy')?.id);
    await refresh();
    expect(queryFinding('locked out', /./)).toBeNull();
  });

  it('deletes an unused key through the delete confirmation', async () => {
    const { server } = await showOverview((s) => {
      s.addKey('spare', ['chatflows:view']);
    });
    click(/^Delete: spare$/);
    const dialog = await screen.findByRole('dialog', { name: 'Delete spare?' });
    click(/Delete/, dialog);
    await waitFor(() => {
      expect(server.keyNamed('spare')).toBeUndefined();
    });
    await refresh();
    expect(queryFinding('spare', /./)).toBeNull();
  });

  it('splits a key bound to many flows into one key per flow', async () => {
    const { server } = await showOverview(
      (s) => {
        const wide = s.addKey('wide', ['chatflows:view']);
        for (const name of ['a', 'b', 'c']) s.addChatflow(name, { apikeyid: wide.id });
      },
      { settings: { manyFlowsThreshold: 2 } },
    );
    click('Split into per-flow keys: wide');
    const dialog = await screen.findByRole('dialog', { name: 'Split wide?' });
    expect(within(dialog).getByRole('list', { name: 'Flows to move' }).textContent).toBe('abc');
    click('Split the key', dialog);
    for (const name of ['a', 'b', 'c']) {
      const reveal = await within(dialog).findByRole('region', {
        name: new RegExp(`for ${name}$`),
      });
      await within(reveal).findByTestId('revealed-key');
      click('I have stored it', reveal);
    }
    await within(dialog).findByRole('list', { name: 'New keys' });
    for (const name of ['a', 'b', 'c']) {
      const flow = [...server.state.chatflows.values()].find((c) => c.name === name);
      expect(flow?.apikeyid).toBe(server.keyNamed(`wide – ${name}`)?.id);
    }
  });

  it('shows each key a split made once, audited as a reveal, and keeps no value once it closes', async () => {
    const fake = await createTestCore({
      instances: [{ name: 'Prod' }],
      settings: { manyFlowsThreshold: 2 },
    });
    const wide = fake.server.addKey('wide', ['chatflows:view']);
    for (const name of ['a', 'b', 'c']) fake.server.addChatflow(name, { apikeyid: wide.id });
    const overviewState = renderOn(fake.api, () => useOverviewStore((s) => s));
    await screen.findByRole('list', { name: 'Findings' });
    click('Split into per-flow keys: wide');
    const dialog = await screen.findByRole('dialog', { name: 'Split wide?' });
    click('Split the key', dialog);
    const values: string[] = [];
    for (const [i, name] of ['a', 'b', 'c'].entries()) {
      const reveal = await within(dialog).findByRole('region', {
        name: `New key ${String(i + 1)} of 3, for ${name}`,
      });
      const value = (await within(reveal).findByTestId('revealed-key')).textContent;
      expect(value).toBe(fake.server.keyNamed(`wide – ${name}`)?.apiKey);
      expect(reveal.textContent).toContain('You will not see this value again.');
      values.push(value);
      expect(JSON.stringify(overviewState())).not.toContain(value);
      if (i === 0) {
        click('Copy key', reveal);
        await waitFor(() => {
          expect(fake.clipboardText()).toBe(value);
        });
      }
      // Shown once: a stray Escape must not throw the value away.
      fireEvent.keyDown(dialog, { key: 'Escape' });
      expect(screen.getByRole('dialog', { name: 'Split wide?' })).toBe(dialog);
      click('I have stored it', reveal);
    }
    await within(dialog).findByRole('list', { name: 'New keys' });
    for (const value of values) expect(document.body.innerHTML).not.toContain(value);
    expect(fake.calls.filter((c) => c === 'keys.reveal')).toHaveLength(3);
    const { records } = await fake.api.audit.list({});
    expect(
      records
        .filter((r) => r.action === 'key.reveal')
        .map((r) => r.subject?.name)
        .sort(),
    ).toEqual(['wide – a', 'wide – b', 'wide – c']);
    click('Done', dialog);
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    for (const value of values) {
      expect(document.body.innerHTML).not.toContain(value);
      expect(JSON.stringify(overviewState())).not.toContain(value);
    }
  });

  it('filters the findings with the labelled box, by words of the finding', async () => {
    await showOverview((server) => {
      server.addChatflow('website widget');
      server.addKey('spare', ['chatflows:view']);
    });
    fireEvent.change(screen.getByLabelText('Filter findings'), { target: { value: 'widget' } });
    expect(finding('website widget', /./)).toBeTruthy();
    expect(queryFinding('spare', /./)).toBeNull();
    fireEvent.change(screen.getByLabelText('Filter findings'), { target: { value: 'nothing' } });
    expect(screen.getByText('No finding matches the filter.')).toBeTruthy();
  });

  it('marks each findings list it commits with its filter text and counts, for the render bench', async () => {
    await showOverview((server) => {
      server.addChatflow('website widget');
      server.addKey('spare', ['chatflows:view']);
    });
    const mark = vi.spyOn(performance, 'mark');
    try {
      fireEvent.change(screen.getByLabelText('Filter findings'), { target: { value: 'widget' } });
      await waitFor(() => {
        expect(queryFinding('spare', /./)).toBeNull();
      });
      const details = mark.mock.calls
        .filter(([name]) => name === OVERVIEW_SHOWN_MARK)
        .map(([, options]) => (options as PerformanceMarkOptions).detail as unknown);
      expect(details.at(-1)).toEqual({ text: 'widget', shown: 1, total: 3 });
      expect(screen.getByLabelText<HTMLInputElement>('Filter findings').value).toBe('widget');
    } finally {
      mark.mockRestore();
    }
  });

  it('shows an unreachable instance beside the others, with its test and edit fixes', async () => {
    await showOverview(
      (server) => {
        server.addChatflow('website widget');
      },
      {
        instances: [
          { name: 'Prod' },
          { name: 'Far', baseUrl: 'http://127.0.0.1:3999', down: true },
        ],
      },
    );
    expect(finding('website widget', /./)).toBeTruthy();
    const far = finding('Far', /./);
    expect(within(far).getByRole('button', { name: 'Test the connection: Far' })).toBeTruthy();
    expect(progressOf('Prod')).toBe('Prod: Checked');
    expect(progressOf('Far')).not.toContain('Checked');
  });

  it('gives the Keys and Credentials rows the same findings as badges', async () => {
    await showOverview((server) => {
      server.addKey('spare', ['chatflows:view']);
      server.addCredential('old openai', 'openAIApi', { openAIApiKey: 'sk-overview-0000' });
    });
    click('Keys');
    const keyRow = await screen.findByRole('heading', { name: 'spare' });
    expect(within(keyRow.parentElement ?? keyRow).getByText('Unused')).toBeTruthy();
    click('Credentials');
    const credential = await screen.findByRole('listitem', { name: 'old openai' });
    expect(within(credential).getByText('Unused')).toBeTruthy();
    expect(document.documentElement.outerHTML).not.toContain('sk-overview-0000');
  });
});
