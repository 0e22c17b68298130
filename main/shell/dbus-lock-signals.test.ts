import { describe, expect, it, vi } from 'vitest';

import {
  createLockSignalReader,
  loginSessionPath,
  parseObjectPathReply,
  sessionLockRule,
} from './dbus-lock-signals.js';

const header = (path: string, iface: string, member: string): string =>
  `signal time=1796513034.699587 sender=:1.1 -> destination=(null destination) serial=2 path=${path}; interface=${iface}; member=${member}`;

const SESSION = '/org/freedesktop/login1/session/_32';

function feed(lines: string[], sessionPath?: string) {
  const onLock = vi.fn();
  const read = createLockSignalReader(onLock, sessionPath);
  for (const line of lines) read(line);
  return onLock.mock.calls.map(([signal]: unknown[]) => signal);
}

describe('createLockSignalReader', () => {
  it('sees the freedesktop and GNOME screensavers turning on', () => {
    expect(
      feed([
        header('/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver', 'ActiveChanged'),
        '   boolean true',
        header('/org/gnome/ScreenSaver', 'org.gnome.ScreenSaver', 'ActiveChanged'),
        '   boolean true',
      ]),
    ).toEqual(['screensaver', 'screensaver']);
  });

  it('ignores the screensaver turning off, and other interfaces with the same member', () => {
    expect(
      feed([
        header('/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver', 'ActiveChanged'),
        '   boolean false',
        header('/x', 'org.example.Other', 'ActiveChanged'),
        '   boolean true',
        '   boolean true',
      ]),
    ).toEqual([]);
  });

  it("sees logind lock our session, and not another one's", () => {
    expect(
      feed(
        [
          header(SESSION, 'org.freedesktop.login1.Session', 'Lock'),
          header('/org/freedesktop/login1/session/c7', 'org.freedesktop.login1.Session', 'Lock'),
          header(SESSION, 'org.freedesktop.login1.Session', 'Unlock'),
        ],
        SESSION,
      ),
    ).toEqual(['session-lock']);
  });

  it('takes a Lock on any session when our own is unknown, erring toward locking', () => {
    expect(
      feed([
        header('/org/freedesktop/login1/session/c7', 'org.freedesktop.login1.Session', 'Lock'),
      ]),
    ).toEqual(['session-lock']);
  });

  it("ignores the monitor's own bus messages and stray lines", () => {
    expect(
      feed([
        header('/org/freedesktop/DBus', 'org.freedesktop.DBus', 'NameAcquired'),
        '   string ":1.0"',
        '',
        'garbage boolean true',
        '   boolean true',
      ]),
    ).toEqual([]);
  });
});

describe('loginSessionPath', () => {
  it.each([
    ['2', '/org/freedesktop/login1/session/_32'],
    ['12', '/org/freedesktop/login1/session/_312'],
    ['c2', '/org/freedesktop/login1/session/c2'],
    ['a-b', '/org/freedesktop/login1/session/a_2db'],
    ['', '/org/freedesktop/login1/session/_'],
  ])('escapes session id %j as logind does', (id, path) => {
    expect(loginSessionPath(id)).toBe(path);
  });
});

describe('sessionLockRule and parseObjectPathReply', () => {
  it('limits the rule to our session when known', () => {
    expect(sessionLockRule(SESSION)).toBe(
      `type='signal',interface='org.freedesktop.login1.Session',member='Lock',path='${SESSION}'`,
    );
    expect(sessionLockRule()).not.toContain('path=');
  });

  it('reads the session path out of a GetSessionByPID reply', () => {
    const reply = `method return time=1.2 sender=:1.3 -> destination=:1.50 serial=9 reply_serial=2\n   object path "${SESSION}"\n`;
    expect(parseObjectPathReply(reply)).toBe(SESSION);
    expect(
      parseObjectPathReply('Error org.freedesktop.login1.NoSessionForPID: no'),
    ).toBeUndefined();
  });
});
