import { beforeEach, describe, expect, it, vi } from 'vitest';

import { createElectronNotifier } from './electron-notifier.js';
import { Notification, resetElectronFake } from './testing/electron-fake.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

describe('createElectronNotifier', () => {
  beforeEach(() => {
    resetElectronFake();
  });

  it('shows an OS notification with the title and body it is given', () => {
    createElectronNotifier().notify({
      title: 'A key is due for rotation',
      body: '"deploy" on prod',
    });
    expect(Notification.shown).toEqual([
      { title: 'A key is due for rotation', body: '"deploy" on prod' },
    ]);
  });

  it('shows nothing, and does not throw, where the desktop has no notifications', () => {
    Notification.supported = false;
    expect(() => {
      createElectronNotifier().notify({ title: 't', body: 'b' });
    }).not.toThrow();
    expect(Notification.shown).toEqual([]);
  });
});
