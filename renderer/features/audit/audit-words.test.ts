import { describe, expect, it } from 'vitest';

import { AuditAction } from '../../../common/ipc/schemas/audit.js';
import { ACTIONS, actionWords, countWords, isAuditAction } from './audit-words.js';

describe('audit words', () => {
  it('names every action of the contract, each differently', () => {
    expect(ACTIONS.map((a) => a.value)).toEqual(AuditAction.options);
    expect(new Set(ACTIONS.map((a) => a.label)).size).toBe(AuditAction.options.length);
    expect(actionWords('instance.add')).toBe('Instance added');
  });

  it('tells actions from other strings', () => {
    expect(isAuditAction('key.copy')).toBe(true);
    expect(isAuditAction('')).toBe(false);
    expect(isAuditAction('key.steal')).toBe(false);
  });

  it('says when only the newest page of records is shown', () => {
    expect(countWords(1, 1)).toBe('Showing 1 record.');
    expect(countWords(3, 3)).toBe('Showing 3 records.');
    expect(countWords(500, 1234)).toMatch(
      /^Showing the newest 500 of 1.?234 records\. Narrow the filters to see older ones\.$/,
    );
  });
});
