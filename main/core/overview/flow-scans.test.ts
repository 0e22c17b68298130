// What a refresh remembers of each flow: the scan is reused only for the very same flowData.
import { describe, expect, it } from 'vitest';

import type { ChatflowRow } from '../flowise/flowise-schemas.js';
import { createFlowScans } from './flow-scans.js';

const A = '11111111-2222-4333-8444-555555555555';
const B = '66666666-7777-4888-8999-aaaaaaaaaaaa';
const flow = (id: string, flowData: string): ChatflowRow => ({
  id,
  name: id,
  type: 'CHATFLOW',
  apikeyid: null,
  workspaceId: undefined,
  createdDate: undefined,
  updatedDate: undefined,
  flowData,
});

describe('flow scans', () => {
  it('reuses a flow scan while its flowData is the same text, and rescans any change', () => {
    const scans = createFlowScans();
    const [first] = scans.tokensOf('i1', [flow('f1', `{"credential":"${A}"}`)]);
    // Equal text from a new answer is a new string: still reused.
    const [again] = scans.tokensOf('i1', [
      flow('f1', JSON.parse(`"{\\"credential\\":\\"${A}\\"}"`) as string),
    ]);
    expect(again).toBe(first);
    const [changed] = scans.tokensOf('i1', [flow('f1', `{"credential":"${B}"}`)]);
    expect([...(changed ?? [])]).toEqual([B]);
  });

  it('keeps instances apart, forgets flows no longer listed, and forgets all on clear', () => {
    const scans = createFlowScans();
    const text = `{"credential":"${A}"}`;
    const [one] = scans.tokensOf('i1', [flow('f1', text)]);
    const [other] = scans.tokensOf('i2', [flow('f1', text)]);
    expect(other).not.toBe(one);
    scans.tokensOf('i1', []);
    expect(scans.tokensOf('i1', [flow('f1', text)])[0]).not.toBe(one);
    const [kept] = scans.tokensOf('i2', [flow('f1', text)]);
    expect(kept).toBe(other);
    scans.clear();
    expect(scans.tokensOf('i2', [flow('f1', text)])[0]).not.toBe(other);
  });
});
