import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createElectronStateStore } from './electron-state-store.js';
import { resetElectronFake } from './testing/electron-fake.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

describe('createElectronStateStore', () => {
  let dir: string;
  beforeEach(async () => {
    resetElectronFake();
    dir = await mkdtemp(join(tmpdir(), 'fkv-state-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps values across instances in state.json, readable by the user only', async () => {
    createElectronStateStore({ cwd: dir }).set('settings', { autoLockMinutes: 7 });
    expect(createElectronStateStore({ cwd: dir }).get('settings')).toEqual({ autoLockMinutes: 7 });
    const file = join(dir, 'state.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ settings: { autoLockMinutes: 7 } });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('a corrupt state.json is set aside with its time, the app starts with defaults, and the store says where it went', async () => {
    const file = join(dir, 'state.json');
    await writeFile(file, '{"settings": {"autoLockMinutes": 7}, "vault.highest', { mode: 0o600 });
    const store = createElectronStateStore({ cwd: dir });
    expect(store.get('settings')).toBeUndefined();
    expect(store.setAsidePath).toMatch(/state\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(await readFile(store.setAsidePath!, 'utf8')).toBe(
      '{"settings": {"autoLockMinutes": 7}, "vault.highest',
    );
    store.set('settings', { autoLockMinutes: 3 });
    expect(createElectronStateStore({ cwd: dir }).get('settings')).toEqual({ autoLockMinutes: 3 });
    expect(createElectronStateStore({ cwd: dir }).setAsidePath).toBeUndefined();
    expect((await readdir(dir)).filter((n) => n.startsWith('state.json.corrupt-'))).toHaveLength(1);
  });
});
