// Credentials. Secrets never come back: password fields read as a placeholder and url fields have
// their password part masked. PUT merges the fields sent over the stored ones, so a placeholder or
// masked value sent back would overwrite the real secret; such values are never sent.
import { AppError } from '../../../common/errors.js';
import type { Transport } from './flowise-transport.js';
import type { CredentialDetail, CredentialRow, CredentialType } from './flowise-schemas.js';
import {
  CredentialDetail as DetailSchema,
  CredentialList,
  CredentialRow as RowSchema,
  CredentialType as TypeSchema,
  CredentialTypeList,
  DeleteResult,
  RevealAnswer,
} from './flowise-schemas.js';
import { checkId, checkName, segment } from './input-checks.js';
import { notFoundError } from './response-errors.js';

export const CREDENTIAL_PLACEHOLDER = '_FLOWISE_BLANK_07167752-1a71-43b1-bf8f-4f32252165db';

/** True for what Flowise shows instead of a secret: the placeholder, or a url with `••••`. */
export function isRedactedValue(value: unknown): boolean {
  return typeof value === 'string' && (value.startsWith('_FLOWISE_BLANK_') || value.includes('••'));
}

export interface CredentialDraft {
  name: string;
  credentialName: string;
  plainDataObj: Record<string, unknown>;
  /** 3.0.5+: a chosen id keeps flows portable between instances. */
  id?: string | undefined;
}

export interface CredentialPatch {
  name?: string | undefined;
  credentialName?: string | undefined;
  /** Only the fields that changed; redacted values are dropped, never sent. */
  plainDataObj?: Record<string, unknown> | undefined;
}

export interface CredentialsApi {
  listCredentials(): Promise<CredentialRow[]>;
  getCredential(id: string): Promise<CredentialDetail>;
  /** 3.1.3+ only: GET /credentials/:id/reveal, which gives url fields in clear and every other
   * field as the placeholder (Flowise never gives back a password field). */
  revealCredential(id: string): Promise<Record<string, unknown>>;
  createCredential(draft: CredentialDraft): Promise<CredentialRow>;
  updateCredential(id: string, patch: CredentialPatch): Promise<CredentialRow>;
  deleteCredential(id: string): Promise<void>;
  listCredentialTypes(): Promise<CredentialType[]>;
  getCredentialType(name: string): Promise<CredentialType>;
}

function changedFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => !isRedactedValue(value)));
}

export function createCredentialsApi(t: Transport): CredentialsApi {
  const subject = (id: string): string => `Credential ${id}`;
  const getCredential = async (id: string): Promise<CredentialDetail> => {
    const credentialId = checkId(id, 'credential');
    return t.json('GET', `/credentials/${segment(credentialId)}`, DetailSchema, {
      subject: subject(credentialId),
    });
  };

  return {
    listCredentials: () => t.json('GET', '/credentials', CredentialList, { conditional: true }),
    getCredential,
    async revealCredential(id) {
      const credentialId = checkId(id, 'credential');
      const answer = await t.json(
        'GET',
        `/credentials/${segment(credentialId)}/reveal`,
        RevealAnswer,
        { subject: subject(credentialId) },
      );
      return answer.plainDataObj;
    },

    async createCredential(draft) {
      const name = checkName(draft.name, 'credential');
      const credentialName = checkName(draft.credentialName, 'credential type');
      const redacted = Object.keys(draft.plainDataObj).filter((k) =>
        isRedactedValue(draft.plainDataObj[k]),
      );
      if (redacted.length > 0)
        throw new AppError(
          'bad_request',
          `The field ${redacted.join(', ')} holds a hidden placeholder, not a value. Enter the real value.`,
        );
      const id = draft.id === undefined ? undefined : checkId(draft.id, 'credential');
      return t.json('POST', '/credentials', RowSchema, {
        body: { name, credentialName, plainDataObj: draft.plainDataObj, ...(id ? { id } : {}) },
        subject: `Credential "${name}"`,
      });
    },

    async updateCredential(id, patch) {
      const credentialId = checkId(id, 'credential');
      let name = patch.name === undefined ? undefined : checkName(patch.name, 'credential');
      let credentialName =
        patch.credentialName === undefined
          ? undefined
          : checkName(patch.credentialName, 'credential type');
      // Flowise expects both names on every PUT; what the caller leaves out is kept as stored.
      if (name === undefined || credentialName === undefined) {
        const current = await getCredential(credentialId);
        name ??= current.name;
        credentialName ??= current.credentialName;
      }
      const fields = changedFields(patch.plainDataObj ?? {});
      return t.json('PUT', `/credentials/${segment(credentialId)}`, RowSchema, {
        body: {
          name,
          credentialName,
          ...(Object.keys(fields).length === 0 ? {} : { plainDataObj: fields }),
        },
        subject: subject(credentialId),
      });
    },

    async deleteCredential(id) {
      const credentialId = checkId(id, 'credential');
      const answer = await t.json('DELETE', `/credentials/${segment(credentialId)}`, DeleteResult, {
        subject: subject(credentialId),
      });
      if (answer.affected === 0)
        throw notFoundError(t.host, subject(credentialId), `DELETE /credentials/${credentialId}`);
    },

    listCredentialTypes: () => t.json('GET', '/components-credentials', CredentialTypeList),
    async getCredentialType(name) {
      // `a&b` would ask for several types at once; one plain name is all this method accepts.
      if (!/^[A-Za-z0-9_-]{1,100}$/.test(name))
        throw new AppError('bad_request', 'A credential type name has only letters and digits.');
      return t.json('GET', `/components-credentials/${segment(name)}`, TypeSchema, {
        subject: `Credential type ${name}`,
      });
    },
  };
}
