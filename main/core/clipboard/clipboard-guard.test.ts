import { describe, expect, it } from 'vitest';

import { FakeClock } from '../testing/fake-clock.js';
import { MemoryClipboard } from '../testing/memory-clipboard.js';
import { MemoryLogger, RecordingEventSink } from '../testing/memory-ports.js';
import { createClipboardGuard } from './clipboard-guard.js';

const SECRET = 'fk-secret-value-0123456789';

function setup(platform = 'linux') {
  const clock = new FakeClock();
  const clipboard = new MemoryClipboard();
  const events = new RecordingEventSink();
  const logger = new MemoryLogger();
  const guard = createClipboardGuard({
    clipboard,
    clock,
    events,
    logger,
    platform,
    clearAfterSeconds: () => 30,
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { clock, clipboard, events, logger, guard, settle };
}

describe('clipboard guard', () => {
  it('clears our value after the timeout and says so', async () => {
    const { clock, clipboard, events, guard, settle } = setup();
    const { clearsAt } = await guard.copy(SECRET, 'deploy key');
    expect(clearsAt).toBe(clock.now() + 30_000);
    expect(await clipboard.readText()).toBe(SECRET);
    clock.advance(29_999);
    await settle();
    expect(await clipboard.readText()).toBe(SECRET);
    clock.advance(1);
    await settle();
    expect(await clipboard.readText()).toBe('');
    expect(events.events.map((e) => e.event)).toEqual(['clipboard.copied', 'clipboard.cleared']);
    expect(events.events[1]?.payload).toEqual({
      label: 'deploy key',
      reason: 'timeout',
      cleared: true,
    });
  });

  it('leaves the clipboard alone once something else replaced our value', async () => {
    const { clock, clipboard, events, guard, settle } = setup();
    await guard.copy(SECRET, 'k');
    clipboard.setText('a shopping list');
    clock.advance(30_000);
    await settle();
    expect(await clipboard.readText()).toBe('a shopping list');
    expect(events.events[1]?.payload).toMatchObject({ cleared: false });
  });

  it('clears at once on lock and on quit, and forgets its timer', async () => {
    const { clock, clipboard, guard } = setup();
    await guard.copy(SECRET, 'k');
    await guard.clearNow('lock');
    expect(await clipboard.readText()).toBe('');
    expect(clock.timerCount).toBe(0);
    await guard.copy(SECRET, 'k');
    await guard.clearNow('quit');
    expect(await clipboard.readText()).toBe('');
    await guard.clearNow('quit'); // nothing held: a no-op
  });

  it('restarts the countdown on a second copy', async () => {
    const { clock, clipboard, guard, settle } = setup();
    await guard.copy(SECRET, 'a');
    clock.advance(20_000);
    await guard.copy(`${SECRET}-2`, 'b');
    clock.advance(20_000);
    await settle();
    expect(await clipboard.readText()).toBe(`${SECRET}-2`);
    expect(clock.timerCount).toBe(1);
  });

  it.each([
    ['linux', ['text/plain', 'x-kde-passwordManagerHint']],
    ['darwin', ['text/plain', 'org.nspasteboard.ConcealedType']],
    [
      'win32',
      [
        'text/plain',
        'ExcludeClipboardContentFromMonitorProcessing',
        'CanIncludeInClipboardHistory',
        'CanUploadToCloudClipboard',
      ],
    ],
  ])('writes the concealment formats on %s in the same write', async (platform, formats) => {
    const { clipboard, guard } = setup(platform);
    await guard.copy(SECRET, 'k');
    expect(clipboard.writes).toHaveLength(1);
    expect(clipboard.writes[0]?.map((entry) => entry.format)).toEqual(formats);
    if (platform === 'linux') expect(clipboard.writes[0]?.[1]?.data).toBe('secret');
    if (platform === 'win32') expect(clipboard.writes[0]?.[2]?.data).toEqual(new Uint8Array(4));
  });

  it('never logs or announces the value', async () => {
    const { clock, events, logger, guard, settle } = setup();
    await guard.copy(SECRET, 'k');
    clock.advance(30_000);
    await settle();
    expect(JSON.stringify(logger.lines)).not.toContain(SECRET);
    expect(JSON.stringify(events.events)).not.toContain(SECRET);
  });
});
