// Reading screen-lock signals out of `dbus-monitor` output. Pure text handling, so it is tested
// without a bus. Two sources: logind's Session.Lock on the system bus (every desktop running
// systemd-logind), and the ScreenSaver ActiveChanged(true) that KDE, GNOME and other lockers send
// on the session bus.

export type LockSignal = 'session-lock' | 'screensaver';

const LOGIND_SESSION = 'org.freedesktop.login1.Session';
const SCREENSAVERS = new Set(['org.freedesktop.ScreenSaver', 'org.gnome.ScreenSaver']);

/** Match rules for `dbus-monitor --session`: both screensaver interfaces. */
export const SCREENSAVER_RULES: readonly string[] = [...SCREENSAVERS].map(
  (iface) => `type='signal',interface='${iface}',member='ActiveChanged'`,
);

/** Match rule for `dbus-monitor --system`: Lock for our login session, or for any when unknown. */
export function sessionLockRule(sessionPath?: string): string {
  const rule = `type='signal',interface='${LOGIND_SESSION}',member='Lock'`;
  return sessionPath === undefined ? rule : `${rule},path='${sessionPath}'`;
}

/** logind's object path for a session id, escaped as sd_bus_path_encode does. */
export function loginSessionPath(id: string): string {
  let label = '';
  for (const [i, ch] of [...Buffer.from(id, 'utf8')].entries()) {
    const alpha = (ch >= 0x41 && ch <= 0x5a) || (ch >= 0x61 && ch <= 0x7a);
    const digit = ch >= 0x30 && ch <= 0x39;
    label +=
      alpha || (digit && i > 0) ? String.fromCharCode(ch) : `_${ch.toString(16).padStart(2, '0')}`;
  }
  return `/org/freedesktop/login1/session/${label === '' ? '_' : label}`;
}

/** The object path in a `dbus-send --print-reply` answer to GetSessionByPID, if there is one. */
export function parseObjectPathReply(text: string): string | undefined {
  const match = /^\s*object path "(\/org\/freedesktop\/login1\/session\/[A-Za-z0-9_]+)"\s*$/m.exec(
    text,
  );
  return match?.[1];
}

interface Header {
  path: string;
  iface: string;
  member: string;
}

// dbus-monitor prints one header line per message, then one indented line per argument:
//   signal time=… sender=:1.5 -> destination=(null destination) serial=2 path=/p; interface=i; member=m
//      boolean true
function parseHeader(line: string): Header | undefined {
  if (!line.startsWith('signal ')) return undefined;
  const field = (name: string): string | undefined =>
    new RegExp(`(?:^| )${name}=([^;\\s]*)`).exec(line)?.[1];
  const path = field('path');
  const iface = field('interface');
  const member = field('member');
  if (path === undefined || iface === undefined || member === undefined) return undefined;
  return { path, iface, member };
}

/**
 * Feed it dbus-monitor's output one line at a time; it calls onLock for a lock signal. A session
 * Lock counts only on our session's path when that is known.
 */
export function createLockSignalReader(
  onLock: (signal: LockSignal) => void,
  sessionPath?: string,
): (line: string) => void {
  let awaitingActive = false;
  return (line) => {
    const header = parseHeader(line);
    if (header !== undefined) {
      awaitingActive = header.member === 'ActiveChanged' && SCREENSAVERS.has(header.iface);
      const isLock = header.iface === LOGIND_SESSION && header.member === 'Lock';
      if (isLock && (sessionPath === undefined || header.path === sessionPath)) {
        onLock('session-lock');
      }
      return;
    }
    if (!awaitingActive) return;
    // Only the first argument matters: ActiveChanged has exactly one.
    awaitingActive = false;
    if (line.trim() === 'boolean true') onLock('screensaver');
  };
}
