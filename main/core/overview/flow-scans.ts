// Each flow's id tokens, remembered per instance until the vault locks, so a refresh scans only
// the flows whose flowData changed: the scan is most of an instance's work, and most flows do not
// change between two reports. A flow is rescanned unless its flowData is the very same text:
// Flowise dates changes to the second, so a date and a length could miss an edit.
import { idTokensIn } from '../credentials/credential-usage.js';
import type { ChatflowRow } from '../flowise/flowise-schemas.js';

interface Scan {
  flowData: string;
  ids: ReadonlySet<string>;
}

export interface FlowScans {
  /** The id tokens of each flow's flowData, in the order of `flows`. */
  tokensOf(instanceId: string, flows: readonly ChatflowRow[]): ReadonlySet<string>[];
  clear(): void;
}

export function createFlowScans(): FlowScans {
  const byInstance = new Map<string, Map<string, Scan>>();
  return {
    tokensOf(instanceId, flows) {
      const before = byInstance.get(instanceId);
      // Only the flows listed now are kept: deleted flows are forgotten.
      const now = new Map<string, Scan>();
      const result = flows.map((flow) => {
        const flowData = flow.flowData ?? '';
        const known = before?.get(flow.id);
        const scan =
          known !== undefined && known.flowData === flowData
            ? known
            : { flowData, ids: idTokensIn(flowData) };
        now.set(flow.id, scan);
        return scan.ids;
      });
      byInstance.set(instanceId, now);
      return result;
    },
    clear() {
      byInstance.clear();
    },
  };
}
