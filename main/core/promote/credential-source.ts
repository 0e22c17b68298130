// Reading a credential on the instance it is copied from. Flowise never gives back a password
// field: GET /credentials/:id shows it as a placeholder, and the reveal route (3.1.3+) gives url
// fields in clear and nothing else. So what can be read is carried (names, addresses, options,
// and on servers before 3.1.3 the secrets they declared plain strings); what cannot is named by
// label for the person to type, and never guessed.
import type { CredentialTypeEntry, FieldInput } from '../../../common/ipc/schemas/credentials.js';
import type { UnreadableField } from '../../../common/ipc/schemas/promote.js';
import { versionAtLeast } from '../flowise/generation.js';
import { isRedactedValue } from '../flowise/credentials-api.js';
import type { CredentialDetail } from '../flowise/flowise-schemas.js';
import { explainReadRefusal } from '../credentials/credential-errors.js';
import { typeOf } from '../credentials/credential-access.js';
import type { End } from './promote-deps.js';

export interface SourceCredential {
  detail: CredentialDetail;
  type: CredentialTypeEntry | undefined;
  /** What was read in clear, by input name. Stays in main. */
  values: Record<string, FieldInput>;
  unreadable: UnreadableField[];
}

export const hasRevealRoute = (end: End): boolean =>
  end.version !== undefined && versionAtLeast(end.version, [3, 1, 3]);

export function readNote(from: End): string {
  return hasRevealRoute(from)
    ? `"${from.name}" runs Flowise ${from.version ?? ''}: addresses are read with its reveal route; password fields are never given back by Flowise, so they are typed here.`
    : `"${from.name}" has no reveal route (it came in Flowise 3.1.3): fields are read as its edit form shows them; password fields are never given back by Flowise, so they are typed here.`;
}

function asInput(value: unknown): FieldInput {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return JSON.stringify(value);
}

export async function readSource(from: End, id: string): Promise<SourceCredential> {
  let detail: CredentialDetail;
  try {
    detail = await from.client.getCredential(id);
  } catch (error) {
    throw explainReadRefusal(error, from.name);
  }
  const type = await typeOf(from.client, detail.credentialName);
  const stored = { ...detail.plainDataObj };
  const masked = Object.keys(stored).filter((k) => isRedactedValue(stored[k]));
  if (masked.length > 0 && hasRevealRoute(from)) {
    const revealed = await from.client.revealCredential(id);
    for (const name of masked)
      if (!isRedactedValue(revealed[name]) && revealed[name] !== undefined)
        stored[name] = revealed[name];
  }
  const values: Record<string, FieldInput> = {};
  const unreadable: UnreadableField[] = [];
  for (const [name, value] of Object.entries(stored)) {
    if (value === undefined || value === null) continue;
    const input = type?.inputs.find((i) => i.name === name);
    if (isRedactedValue(value))
      unreadable.push({ name, label: input?.label ?? name, optional: input?.optional ?? false });
    else values[name] = asInput(value);
  }
  return { detail, type, values, unreadable };
}
