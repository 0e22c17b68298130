// The core's notifier port through Electron's Notification: a key fell due while the app runs
// unlocked. Where the desktop has no notification service, nothing is shown (the Due list and the
// unlock banner still say it).
import { Notification } from 'electron';

import type { NotifierPort } from '../core/ports.js';

export function createElectronNotifier(): NotifierPort {
  return {
    notify({ title, body }) {
      if (!Notification.isSupported()) return;
      new Notification({ title, body }).show();
    },
  };
}
