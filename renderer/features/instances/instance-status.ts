// How an instance's last connection test reads in the list and the dialog: a short status, and,
// for a failure, what the person can do about it.
import type { WireError } from '../../../common/errors.js';
import type { ConnectionReport } from '../../../common/ipc/schemas/instances.js';

export type StatusTone = 'idle' | 'busy' | 'ok' | 'warn' | 'error';

export interface InstanceStatus {
  readonly tone: StatusTone;
  readonly label: string;
}

const SHORT_REASONS: Partial<Record<WireError['code'], string>> = {
  network: 'connection failed',
  timeout: 'no answer in time',
  tls: 'certificate not trusted',
  not_flowise: 'not a Flowise API',
  server_error: 'server error',
  bad_request: 'address refused',
  too_large: 'answer too large',
};

export function statusOf(report: ConnectionReport | undefined, testing: boolean): InstanceStatus {
  if (testing) return { tone: 'busy', label: 'Testing connection…' };
  if (report === undefined) return { tone: 'idle', label: 'Not tested' };
  if (report.ok) {
    const platform = report.platform === undefined ? '' : `, ${report.platform}`;
    const key = report.keyName === undefined ? 'key accepted' : `key “${report.keyName}” valid`;
    return { tone: 'ok', label: `Reachable: Flowise ${report.version ?? '?'}${platform}, ${key}` };
  }
  const code = report.error?.code;
  if (code === 'unauthorized') return { tone: 'warn', label: 'Reachable, but the key was refused' };
  if (code === 'forbidden')
    return { tone: 'warn', label: 'Reachable, but the key lacks permission' };
  const reason = (code === undefined ? undefined : SHORT_REASONS[code]) ?? 'test failed';
  return { tone: 'error', label: `Unreachable: ${reason}` };
}

const ADVICE: Partial<Record<WireError['code'], string>> = {
  unauthorized:
    'The server answered 401: it is there but refused the key. Check that you pasted the whole ' +
    'admin API key, and that it still exists in Flowise under API Keys.',
  forbidden:
    'The key is valid but may not manage API keys. Give it those permissions in Flowise, or use ' +
    'another key.',
  not_flowise:
    'The address answered with a web page (HTML) instead of data, so it is probably a page of the ' +
    'Flowise app or a proxy. Use the root address you open in the browser, with no path after it.',
  tls:
    'If the server uses a private certificate authority, paste its CA certificate in Custom CA ' +
    "certificate. For a self-signed certificate, check the server's fingerprint and trust it.",
  network:
    'Check the address and port, and that Flowise is running and reachable from this computer.',
  timeout: 'The server is slow or out of reach. Check the address, or raise the request timeout.',
  server_error: 'Flowise or a proxy in front of it failed. Its logs will say more.',
};

const NOT_FLOWISE_ELSEWHERE =
  "The address answered, but not as Flowise's API does. Use the root address you open in the " +
  'browser, with no path after it.';

/** What to do about a failed test, or null when the message says it all. */
export function adviceFor(error: WireError | undefined): string | null {
  if (error === undefined) return null;
  if (error.code === 'not_flowise') {
    // The core says what came back (connection tests quote status, content type and first words).
    const { suggestion, answer } = error.details ?? {};
    if (typeof suggestion === 'string')
      return `Change the address to ${suggestion}, where Flowise answers.`;
    if (answer !== undefined && answer !== 'html') return NOT_FLOWISE_ELSEWHERE;
  }
  return ADVICE[error.code] ?? null;
}
