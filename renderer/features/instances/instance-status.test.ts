import { describe, expect, it } from 'vitest';

import type { ConnectionReport } from '../../../common/ipc/schemas/instances.js';
import { adviceFor, statusOf } from './instance-status.js';

const failed = (code: NonNullable<ConnectionReport['error']>['code']): ConnectionReport => ({
  ok: false,
  checkedAt: 1,
  permissions: [],
  summary: 'It failed.',
  error: { code, message: 'It failed.' },
});

describe('statusOf', () => {
  it('reads the last report in a few words', () => {
    expect(statusOf(undefined, false)).toEqual({ tone: 'idle', label: 'Not tested' });
    expect(statusOf(undefined, true).tone).toBe('busy');
    const ok: ConnectionReport = {
      ok: true,
      checkedAt: 1,
      version: '2.2.8',
      platform: 'unknown',
      permissions: [],
      summary: '',
    };
    expect(statusOf(ok, false).label).toBe('Reachable: Flowise 2.2.8, unknown, key accepted');
    expect(statusOf(failed('unauthorized'), false)).toEqual({
      tone: 'warn',
      label: 'Reachable, but the key was refused',
    });
    expect(statusOf(failed('tls'), false).label).toBe('Unreachable: certificate not trusted');
    expect(statusOf(failed('internal'), false).label).toBe('Unreachable: test failed');
  });
});

describe('adviceFor', () => {
  it('explains 401, HTML pages and TLS, and stays quiet otherwise', () => {
    expect(adviceFor(failed('unauthorized').error)).toMatch(/401/);
    expect(adviceFor(failed('not_flowise').error)).toMatch(/web page \(HTML\)/);
    expect(adviceFor(failed('tls').error)).toMatch(/Custom CA certificate/);
    expect(adviceFor(failed('internal').error)).toBeNull();
    expect(adviceFor(undefined)).toBeNull();
  });
});

describe('adviceFor answers that are not Flowise', () => {
  const notFlowise = (details: Record<string, string | number>) =>
    ({ code: 'not_flowise', message: 'x', details }) as const;

  it('calls only an HTML answer a web page', () => {
    expect(adviceFor(notFlowise({ answer: 'html' }))).toMatch(/web page \(HTML\)/);
    for (const answer of ['empty', 'json', 'text']) {
      const advice = adviceFor(notFlowise({ answer, status: 404 }));
      expect(advice).not.toMatch(/web page|HTML/);
      expect(advice).toMatch(/root address/);
    }
  });

  it('names the address to use when the server root answers as Flowise', () => {
    expect(adviceFor(notFlowise({ answer: 'json', suggestion: 'https://flowise.lan' }))).toBe(
      'Change the address to https://flowise.lan, where Flowise answers.',
    );
  });
});
