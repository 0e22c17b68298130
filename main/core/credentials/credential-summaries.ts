// A Flowise credential row as the renderer sees it: names, dates, type label and the flows using
// it. Rows never hold secrets (Flowise leaves `encryptedData` out of its list).
import type { CredentialSummary } from '../../../common/ipc/schemas/credentials.js';
import type { BoundFlow } from '../../../common/ipc/schemas/keys.js';
import type { CredentialRow } from '../flowise/flowise-schemas.js';

function time(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function summarizeCredential(
  instanceId: string,
  row: CredentialRow,
  typeLabel: string | undefined,
  usedBy: readonly BoundFlow[],
): CredentialSummary {
  const createdAt = time(row.createdDate);
  const updatedAt = time(row.updatedDate);
  return {
    id: row.id,
    instanceId,
    name: row.name,
    credentialName: row.credentialName,
    typeLabel: typeLabel ?? row.credentialName,
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(updatedAt === undefined ? {} : { updatedAt }),
    shared: row.shared === true,
    usedBy: [...usedBy],
  };
}
