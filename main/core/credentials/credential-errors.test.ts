import { describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import { explainReadRefusal, scrubbed, valuesToScrub } from './credential-errors.js';
import { confirmDeletion, describeUpdate, flowNames } from './credential-wording.js';

const flows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `f${String(i)}`,
    name: `flow ${String(i)}`,
    type: 'CHATFLOW' as const,
  }));

describe('credential errors', () => {
  it('explains a 403 on reading one credential, and leaves other errors alone', () => {
    const refusal = new AppError('forbidden', 'lacks credentials:create or credentials:update', {
      host: 'h',
      status: 403,
      route: 'GET /credentials/abc',
    });
    const explained = explainReadRefusal(refusal, 'prod') as AppError;
    expect(explained.code).toBe('forbidden');
    expect(explained.message).toContain(
      'The API key of "prod" can list credentials but not open one',
    );
    expect(explained.message).toContain('credentials:view alone is refused (403)');
    expect(explained.details).toMatchObject({
      permission: 'credentials:create,credentials:update',
    });
    const other = new AppError('forbidden', 'x', { route: 'DELETE /credentials/abc' });
    expect(explainReadRefusal(other, 'prod')).toBe(other);
  });

  it('cuts typed values out of messages and details, longest first', () => {
    const error = new AppError('bad_request', 'rejected sk-abc-123 and sk-abc', {
      why: 'sk-abc-123',
    });
    const clean = scrubbed(error, ['sk-abc', 'sk-abc-123']) as AppError;
    expect(clean.message).toBe('rejected •••• and ••••');
    expect(clean.details).toEqual({ why: '••••' });
    expect(scrubbed(error, [])).toBe(error);
    expect(valuesToScrub({ key: 'sk-1', host: 'abc', port: 6379, url: 'https://x' })).toEqual([
      'sk-1',
      'https://x',
    ]);
  });

  it('words updates and deletions with names, never values', () => {
    expect(describeUpdate('old', ['Host', 'Api Key'])).toBe(
      'renamed from "old"; changed: Host, Api Key',
    );
    expect(describeUpdate(undefined, [])).toBe('');
    expect(flowNames(flows(1))).toBe('"flow 0"');
    expect(flowNames(flows(3))).toBe('"flow 0", "flow 1" and "flow 2"');
    expect(flowNames(flows(7))).toBe('"flow 0", "flow 1", "flow 2", "flow 3", "flow 4" and 2 more');
  });

  it('asks for the name before deleting a credential in use, or whose usage is unknown', () => {
    const row = { name: 'openai prod' };
    expect(() => {
      confirmDeletion(row, { checked: true }, flows(2), undefined);
    }).toThrow('2 flows use "openai prod": "flow 0" and "flow 1".');
    expect(() => {
      confirmDeletion(
        row,
        { checked: false, error: { code: 'forbidden', message: 'No.' } },
        [],
        'x',
      );
    }).toThrow('Could not check which flows use "openai prod" (No.)');
    confirmDeletion(row, { checked: true }, flows(2), 'openai prod');
    confirmDeletion(row, { checked: true }, [], undefined);
  });
});
