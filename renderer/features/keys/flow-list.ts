// Search and order of the Flows tab: a plain function, like key-list.ts for the keys.
import type { Chatflow } from '../../../common/ipc/schemas/keys.js';
import { compareNames } from '../../../common/key-list.js';

/** The flows whose name holds `text` (any case), by name. */
export function selectFlows(flows: readonly Chatflow[], text: string): Chatflow[] {
  const needle = text.trim().toLowerCase();
  return flows
    .filter((flow) => needle === '' || flow.name.toLowerCase().includes(needle))
    .sort((a, b) => compareNames(a.name, b.name) || a.id.localeCompare(b.id));
}
